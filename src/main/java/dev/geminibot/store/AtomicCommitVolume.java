package dev.geminibot.store;

import org.mapdb.DBException;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The store file as MapDB sees it, with commits that are all or nothing. MapDB's transactional store writes
 * to its file only while committing, then syncs it; this volume holds those writes back, and on
 * {@link #sync()} writes them to the {@link RedoLog} (fsynced) before copying them into the file. A crash or
 * a write error during the copy is completed from the log at the next open ({@link #recover}).
 *
 * <p>Reads see held-back writes too, though MapDB does not read while it commits (it holds every lock).
 * Every method is synchronized, as in MapDB's own file volume, whose calls are all synchronized anyway.
 */
final class AtomicCommitVolume extends WrappingVolume {
    private final RedoLog redo;
    private final List<RedoLog.Write> held = new ArrayList<>(); // guarded by this
    private long heldLength; // guarded by this: the length the held writes need
    private boolean failed; // guarded by this: a commit broke off; only a reopen may go on

    AtomicCommitVolume(Volume file, RedoLog redo) {
        super(file);
        this.redo = redo;
    }

    /** Completes a commit the log holds (one that a crash cut short), then empties the log. */
    static boolean recover(Volume file, RedoLog redo) throws IOException {
        var commit = redo.read();
        commit.ifPresent(c -> {
            c.applyTo(file);
            file.sync();
        });
        redo.clearDurably();
        return commit.isPresent();
    }

    @Override
    public synchronized void sync() {
        ensureUsable();
        if (held.isEmpty() && heldLength == 0) {
            file.sync();
            return;
        }
        RedoLog.Commit commit = RedoLog.Commit.coalesced(heldLength, held);
        try {
            redo.write(commit);
        } catch (IOException e) {
            failed = true; // the file is untouched: it still holds the previous commit
            throw new DBException.VolumeIOError(e);
        }
        try {
            commit.applyTo(file);
            file.sync();
            redo.clear();
        } catch (IOException | RuntimeException e) {
            failed = true; // the log is whole: the next open completes the commit
            throw e instanceof IOException io ? new DBException.VolumeIOError(io) : (RuntimeException) e;
        }
        held.clear();
        heldLength = 0;
    }

    @Override
    public synchronized void ensureAvailable(long offset) {
        ensureUsable();
        if (offset > file.length()) {
            heldLength = Math.max(heldLength, offset);
        }
    }

    @Override
    public synchronized void truncate(long size) {
        ensureUsable();
        if (!held.isEmpty()) {
            throw new IllegalStateException("MapDB truncated its file in the middle of a commit");
        }
        file.truncate(size);
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        byte[] copy = new byte[srcSize];
        System.arraycopy(src, srcPos, copy, 0, srcSize);
        hold(offset, copy);
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        hold(startOffset, new byte[Math.toIntExact(endOffset - startOffset)]);
    }

    @Override
    public synchronized long getLong(long offset) {
        return held.isEmpty() ? file.getLong(offset) : ByteBuffer.wrap(read(offset, 8)).getLong();
    }

    @Override
    public synchronized int getInt(long offset) {
        return held.isEmpty() ? file.getInt(offset) : ByteBuffer.wrap(read(offset, 4)).getInt();
    }

    @Override
    public synchronized byte getByte(long offset) {
        return held.isEmpty() ? file.getByte(offset) : read(offset, 1)[0];
    }

    @Override
    public synchronized DataInput2 getDataInput(long offset, int size) {
        return held.isEmpty() ? file.getDataInput(offset, size) : new DataInput2.ByteArray(read(offset, size));
    }

    @Override
    public synchronized void getData(long offset, byte[] bytes, int bytesPos, int size) {
        if (held.isEmpty()) {
            file.getData(offset, bytes, bytesPos, size);
        } else {
            System.arraycopy(read(offset, size), 0, bytes, bytesPos, size);
        }
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            held.clear(); // never committed: dropping them is what a rollback means
            file.close();
            try {
                redo.close();
            } catch (IOException e) {
                throw new DBException.VolumeIOError(e);
            }
        }
    }

    @Override
    public synchronized long length() {
        return Math.max(file.length(), heldLength);
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }


    private void hold(long offset, byte[] data) {
        ensureUsable();
        held.add(new RedoLog.Write(offset, data));
    }

    private void ensureUsable() {
        if (failed) {
            throw new DBException.VolumeIOError("An earlier commit failed; the store must be reopened",
                    new IOException("commit failed"));
        }
    }

    /** The file's bytes with the held writes laid over them, in the order they were made. */
    private byte[] read(long offset, int size) {
        byte[] bytes = new byte[size];
        long available = Math.min(size, file.length() - offset);
        if (available > 0) {
            file.getData(offset, bytes, 0, (int) available);
        }
        for (RedoLog.Write write : held) {
            long from = Math.max(offset, write.offset());
            long to = Math.min(offset + size, write.offset() + write.data().length);
            if (from < to) {
                System.arraycopy(write.data(), (int) (from - write.offset()), bytes, (int) (from - offset), (int) (to - from));
            }
        }
        return bytes;
    }
}
