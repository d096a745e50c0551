package dev.geminibot.store;

import org.mapdb.volume.Volume;

import java.io.File;
import java.nio.ByteBuffer;

/**
 * A volume in front of the store file's ({@link AtomicCommitVolume}, {@link PageCachedVolume}): what both pass on
 * unchanged, and every write of a number or a buffer made a write of bytes, which is all they handle.
 */
abstract class WrappingVolume extends Volume {
    protected final Volume file;

    WrappingVolume(Volume file) {
        this.file = file;
    }

    @Override
    public synchronized void putLong(long offset, long value) {
        putData(offset, ByteBuffer.allocate(Long.BYTES).putLong(value).array(), 0, Long.BYTES);
    }

    @Override
    public synchronized void putInt(long offset, int value) {
        putData(offset, ByteBuffer.allocate(Integer.BYTES).putInt(value).array(), 0, Integer.BYTES);
    }

    @Override
    public synchronized void putByte(long offset, byte value) {
        putData(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public synchronized void putData(long offset, ByteBuffer buf) {
        byte[] copy = new byte[buf.remaining()];
        buf.duplicate().get(copy);
        putData(offset, copy, 0, copy.length);
    }

    @Override
    public int sliceSize() {
        return file.sliceSize();
    }

    @Override
    public boolean isSliced() {
        return file.isSliced();
    }

    @Override
    public File getFile() {
        return file.getFile();
    }

    @Override
    public boolean getFileLocked() {
        return file.getFileLocked();
    }
}
