package dev.geminibot.testbed;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill up as production disks fill up. Mounting needs root (CI runs as
 * root); elsewhere the test is skipped, not failed.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code size} (e.g. "8m") on the empty directory {@code mountPoint}, or skips the test. */
    public static SmallDisk mount(Path mountPoint, String size) throws IOException, InterruptedException {
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root); skipping the full-disk test");
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a file until the disk refuses more. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve("crumbs"))) {
            for (int i = 0; i < 4096; i++) {
                out.write(0); // the last partial block too
            }
        } catch (IOException expected) {
            // full to the last byte
        }
    }

    /** Frees {@code bytes} of what {@link #fill()} took. */
    public void release(long bytes) throws IOException {
        Files.deleteIfExists(mountPoint.resolve("crumbs"));
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(filler,
                java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(Math.max(0, file.size() - bytes));
        }
    }

    /** Frees what {@link #fill()} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
        Files.deleteIfExists(mountPoint.resolve("crumbs"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
