import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Build step of {@code mvn package} (run as a source file by the JDK Maven's toolchain chose): writes the shell
 * script named by its argument, which runs the jar beside it on that same JDK. So the bot runs on Java 21+ where
 * the default {@code java} is older, and as the script's own process: Ctrl-C reaches it, its output and exit
 * status are the operator's, with no Maven report around them.
 */
public final class RunScript {
    /**
     * Serial GC: no concurrent GC threads or G1 remembered sets, on a process that keeps little live data. Two
     * JIT threads and a bounded code cache: C2's arenas and code are the largest native cost once warm. An
     * archive that cannot be used (another JDK) is ignored quietly: the JVM loads the classes from the jar.
     */
    private static final String[] JVM_OPTIONS = {
            "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-XX:ReservedCodeCacheSize=64m",
            "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"};

    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = script.getFileName() + ".jar";
        String name = script.getFileName().toString();
        // a new jar makes the old archive useless (the JVM checks the jar it was made from): the next run makes one
        Files.deleteIfExists(script.resolveSibling(name + ".jsa"));
        Files.writeString(script, "#!/bin/sh\n"
                + "# Written by mvn package (src/build/RunScript.java): the bot on the JDK Maven's toolchain chose.\n"
                + "# JVM options for a small footprint (docs/benchmarks.md); JAVA_OPTS adds or overrides.\n"
                + "dir=\"$(dirname \"$0\")\"\n"
                + "archive=\"$dir/" + name + ".jsa\"\n"
                + "if [ -f \"$archive\" ]; then\n"
                + "  set -- \"-XX:SharedArchiveFile=$archive\" -jar \"$dir/" + name + ".jar\" \"$@\"\n"
                + "else # the bot writes the archive of its classes once it has answered (ClassArchive)\n"
                + "  set -- -XX:+RecordDynamicDumpInfo \"-Dbot.classArchive=$archive\" -jar \"$dir/" + name + ".jar\" \"$@\"\n"
                + "fi\n"
                + "export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"\n"
                + "exec " + quoted(java) + " " + String.join(" ", JVM_OPTIONS) + " $JAVA_OPTS \"$@\"\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the script is for POSIX shells anyway
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
