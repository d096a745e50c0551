package dev.geminibot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBException;
import org.mapdb.DataInput2;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.Volume;

import java.io.File;
import java.nio.ByteBuffer;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicCommitVolumeTest {
    @TempDir
    Path dir;

    /** A store file in memory whose writes fail from the n-th on, as a disk that fills up mid-copy. */
    private static final class FailingFile extends Volume {
        private final ByteArrayVol bytes = new ByteArrayVol();
        int writesLeft = Integer.MAX_VALUE;

        @Override public void putData(long offset, byte[] src, int srcPos, int srcSize) {
            if (writesLeft-- <= 0) {
                throw new DBException.VolumeIOError(new java.io.IOException("No space left on device"));
            }
            bytes.putData(offset, src, srcPos, srcSize);
        }
        @Override public void ensureAvailable(long offset) { bytes.ensureAvailable(offset); }
        @Override public void truncate(long size) { bytes.truncate(size); }
        @Override public void putLong(long offset, long value) { bytes.putLong(offset, value); }
        @Override public void putInt(long offset, int value) { bytes.putInt(offset, value); }
        @Override public void putByte(long offset, byte value) { bytes.putByte(offset, value); }
        @Override public void putData(long offset, ByteBuffer buf) { bytes.putData(offset, buf); }
        @Override public long getLong(long offset) { return bytes.getLong(offset); }
        @Override public int getInt(long offset) { return bytes.getInt(offset); }
        @Override public byte getByte(long offset) { return bytes.getByte(offset); }
        @Override public DataInput2 getDataInput(long offset, int size) { return bytes.getDataInput(offset, size); }
        @Override public void getData(long offset, byte[] dst, int pos, int size) { bytes.getData(offset, dst, pos, size); }
        @Override public void close() { }
        @Override public void sync() { }
        @Override public int sliceSize() { return bytes.sliceSize(); }
        @Override public boolean isSliced() { return bytes.isSliced(); }
        @Override public long length() { return bytes.length(); }
        @Override public boolean isReadOnly() { return false; }
        @Override public File getFile() { return null; }
        @Override public boolean getFileLocked() { return false; }
        @Override public void clear(long startOffset, long endOffset) { bytes.clear(startOffset, endOffset); }
    }

    @Test
    void completes_a_commit_whose_copy_into_the_file_broke_off() throws Exception {
        FailingFile file = new FailingFile();
        commit(file, "first", "commit");
        file.writesLeft = 1;
        assertThatThrownBy(() -> commit(file, "second", "try")).isInstanceOf(DBException.VolumeIOError.class);
        assertThat(text(file, 0)).isEqualTo("secon"); // torn: half of the second commit is in the file
        assertThat(text(file, 16)).isEqualTo("commi");

        file.writesLeft = Integer.MAX_VALUE;
        try (RedoLog redo = RedoLog.open(redoPath())) {
            assertThat(AtomicCommitVolume.recover(file, redo)).isTrue();
        }

        assertThat(text(file, 0)).isEqualTo("secon");
        assertThat(text(file, 16)).isEqualTo("trymi"); // "try" over "commit"
    }

    @Test
    void ignores_a_log_cut_while_being_written_since_the_file_was_not_touched_yet() throws Exception {
        FailingFile file = new FailingFile();
        commit(file, "first", "commit");
        file.writesLeft = 0;
        assertThatThrownBy(() -> commit(file, "second", "try")).isInstanceOf(DBException.VolumeIOError.class);
        try (RandomAccessFile log = new RandomAccessFile(redoPath().toFile(), "rw")) {
            log.setLength(log.length() - 3); // the crash came before the log was whole
        }

        file.writesLeft = Integer.MAX_VALUE;
        try (RedoLog redo = RedoLog.open(redoPath())) {
            assertThat(AtomicCommitVolume.recover(file, redo)).isFalse();
            assertThat(redo.read()).isEmpty();
        }
        assertThat(text(file, 0)).isEqualTo("first");
        assertThat(text(file, 16)).isEqualTo("commi");
    }

    @Test
    void shows_writes_not_yet_synced_to_readers_and_drops_them_on_close() throws Exception {
        ByteArrayVol file = new ByteArrayVol();
        AtomicCommitVolume volume = new AtomicCommitVolume(file, RedoLog.open(redoPath()));
        volume.ensureAvailable(64);
        volume.putLong(8, 42L);

        assertThat(volume.getLong(8)).isEqualTo(42L);
        assertThat(file.length()).isZero();
        volume.close();
    }

    /** One commit: {@code a} at offset 0 and {@code b} at 16, each as its own write. */
    private void commit(Volume file, String a, String b) throws Exception {
        RedoLog redo = RedoLog.open(redoPath());
        AtomicCommitVolume volume = new AtomicCommitVolume(file, redo);
        volume.ensureAvailable(32);
        volume.putData(0, a.getBytes(StandardCharsets.UTF_8), 0, a.length());
        volume.putData(16, b.getBytes(StandardCharsets.UTF_8), 0, b.length());
        try {
            volume.sync();
        } finally {
            redo.close();
        }
    }

    private static String text(Volume file, long offset) {
        byte[] bytes = new byte[5];
        file.getData(offset, bytes, 0, 5);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Path redoPath() {
        return dir.resolve("test.redo");
    }
}
