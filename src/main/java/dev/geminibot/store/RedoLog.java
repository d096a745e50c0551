package dev.geminibot.store;

import org.mapdb.volume.Volume;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The commit being copied into the store file, written and fsynced beside it first, so that a crash or a
 * failed write in the middle of the copy can be completed from here at the next open: the store file only
 * ever moves from one whole commit to the next. MapDB 3.1's own write-ahead log is never replayed on open,
 * so without this a kill or a full disk while MapDB copies a commit leaves the file torn.
 *
 * <p>Format: magic, the file length the commit needs, the number of writes, each write (offset, length,
 * bytes), then a CRC32C of all of it. A log whose CRC does not match was cut while being written; the store
 * file was not touched by that commit yet, so it is ignored.
 */
final class RedoLog implements AutoCloseable {
    private static final long MAGIC = 0x4754425245444F31L; // "GTBREDO1"
    private static final int HEADER = 8 + 8 + 4;

    /** One write of a commit: {@code data} at {@code offset} of the store file. */
    record Write(long offset, byte[] data) {
    }

    /** A whole commit: the store file's length at least {@code length}, then the writes in order. */
    record Commit(long length, List<Write> writes) {
        /**
         * The commit of {@code writes} made in that order, as the fewest writes: those that overlap or touch are
         * one, with the later bytes where they overlap. MapDB writes a commit as dozens of small pieces, several
         * of them side by side, and each piece is a seek and a write of the file.
         */
        static Commit coalesced(long length, List<Write> made) {
            List<Write> writes = made.stream().filter(write -> write.data().length > 0).toList();
            if (writes.size() < 2) {
                return new Commit(length, writes);
            }
            List<Write> byOffset = new ArrayList<>(writes);
            byOffset.sort(Comparator.comparingLong(Write::offset));
            TreeMap<Long, byte[]> runs = new TreeMap<>(); // start -> bytes, sized from the union of the writes
            long start = byOffset.getFirst().offset();
            long end = start;
            for (Write write : byOffset) {
                if (write.offset() > end) {
                    runs.put(start, new byte[Math.toIntExact(end - start)]);
                    start = write.offset();
                }
                end = Math.max(end, write.offset() + write.data().length);
            }
            runs.put(start, new byte[Math.toIntExact(end - start)]);
            for (Write write : writes) { // in the order made: a later write wins where two overlap
                Map.Entry<Long, byte[]> run = runs.floorEntry(write.offset());
                System.arraycopy(write.data(), 0, run.getValue(), Math.toIntExact(write.offset() - run.getKey()),
                        write.data().length);
            }
            List<Write> merged = new ArrayList<>(runs.size());
            runs.forEach((offset, data) -> merged.add(new Write(offset, data)));
            return new Commit(length, merged);
        }

        void applyTo(Volume file) {
            file.ensureAvailable(length);
            for (Write write : writes) {
                file.putData(write.offset(), write.data(), 0, write.data().length);
            }
        }
    }

    // RandomAccessFile, not FileChannel: an interrupted thread would close a channel for every later commit
    private final RandomAccessFile file;

    private RedoLog(RandomAccessFile file) {
        this.file = file;
    }

    /** Opens (creating, readable by the owner only) the log at {@code path}. */
    static RedoLog open(Path path) throws IOException {
        FilePermissions.createPrivateFile(path);
        return new RedoLog(new RandomAccessFile(path.toFile(), "rw"));
    }

    /** Writes {@code commit} in place of whatever the log held and waits until it is on disk. */
    void write(Commit commit) throws IOException {
        int size = HEADER + 8;
        for (Write write : commit.writes()) {
            size += 8 + 4 + write.data().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(MAGIC).putLong(commit.length()).putInt(commit.writes().size());
        for (Write write : commit.writes()) {
            buffer.putLong(write.offset()).putInt(write.data().length).put(write.data());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putLong(crc.getValue());
        file.setLength(0);
        file.seek(0);
        file.write(buffer.array(), 0, buffer.position());
        file.getFD().sync();
    }

    /** The commit the log holds, if it was written whole. */
    Optional<Commit> read() throws IOException {
        long size = file.length();
        if (size < HEADER + 8 || size > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        byte[] bytes = new byte[(int) size];
        file.seek(0);
        file.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.limit() - 8);
        if (buffer.getLong(buffer.limit() - 8) != crc.getValue() || buffer.getLong() != MAGIC) {
            return Optional.empty();
        }
        long length = buffer.getLong();
        int count = buffer.getInt();
        List<Write> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = buffer.getLong();
            byte[] data = new byte[buffer.getInt()];
            buffer.get(data);
            writes.add(new Write(offset, data));
        }
        return Optional.of(new Commit(length, writes));
    }

    /**
     * Empties the log once its commit is in the store file. Not forced to disk: if the emptying is lost, the
     * commit left in the log is the newest one, and applying it again changes nothing.
     */
    void clear() throws IOException {
        file.setLength(0);
    }

    /** Empties the log and waits until that is on disk. */
    void clearDurably() throws IOException {
        file.setLength(0);
        file.getFD().sync();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
