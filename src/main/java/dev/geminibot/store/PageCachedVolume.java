package dev.geminibot.store;

import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store file with the pages read last held in memory, written through. MapDB's file volume reads with a seek
 * and a read per value (a stored record is many of them: its index entries, its packed sizes byte by byte), which
 * came to some 160 system calls per answered message, a tenth of its CPU. Every write reaches the file before the
 * held copy is patched, and a write that fails empties the cache, so a page held is always what the file holds.
 * Every method is synchronized, as in MapDB's own file volume.
 */
final class PageCachedVolume extends WrappingVolume {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final long OFFSET_IN_PAGE = PAGE_SIZE - 1;
    /** MapDB stores its numbers big-endian, as {@code RandomAccessFile} reads them. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final Map<Long, byte[]> pages; // guarded by this: page index -> the file's bytes there, zeros past its end
    private long length; // guarded by this: the file's, kept here (asking the file is a system call)

    PageCachedVolume(Volume file, int capacityPages) {
        super(file);
        this.length = file.length();
        this.pages = new LinkedHashMap<>(Math.min(capacityPages, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > capacityPages;
            }
        };
    }

    @Override
    public synchronized long getLong(long offset) {
        if (withinOnePage(offset, Long.BYTES)) {
            return (long) LONGS.get(page(offset), inPage(offset));
        }
        return ByteBuffer.wrap(read(offset, Long.BYTES)).getLong();
    }

    @Override
    public synchronized int getInt(long offset) {
        if (withinOnePage(offset, Integer.BYTES)) {
            return (int) INTS.get(page(offset), inPage(offset));
        }
        return ByteBuffer.wrap(read(offset, Integer.BYTES)).getInt();
    }

    @Override
    public synchronized byte getByte(long offset) {
        if (withinOnePage(offset, 1)) {
            return page(offset)[inPage(offset)];
        }
        return file.getByte(offset);
    }

    @Override
    public synchronized DataInput2 getDataInput(long offset, int size) {
        return new DataInput2.ByteArray(read(offset, size));
    }

    @Override
    public synchronized void getData(long offset, byte[] bytes, int bytesPos, int size) {
        if (offset < 0 || offset + size > length) {
            file.getData(offset, bytes, bytesPos, size); // fails as the file does
            return;
        }
        int done = 0;
        while (done < size) {
            long at = offset + done;
            int chunk = Math.min(size - done, PAGE_SIZE - inPage(at));
            System.arraycopy(page(at), inPage(at), bytes, bytesPos + done, chunk);
            done += chunk;
        }
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        writing(() -> file.putData(offset, src, srcPos, srcSize));
        patch(offset, src, srcPos, srcSize);
        if (srcSize > 0) {
            length = Math.max(length, offset + srcSize); // the file grows to the end of a write past it
        }
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        writing(() -> file.clear(startOffset, endOffset));
        int size = Math.toIntExact(endOffset - startOffset);
        patch(startOffset, new byte[size], 0, size);
        if (size > 0) {
            length = Math.max(length, endOffset);
        }
    }

    @Override
    public synchronized void truncate(long size) {
        pages.clear();
        try {
            file.truncate(size);
        } finally {
            length = file.length();
        }
    }

    @Override
    public synchronized void ensureAvailable(long offset) {
        writing(() -> file.ensureAvailable(offset)); // the file grows with zeros, as held pages have past its end
        length = file.length();
    }

    @Override
    public synchronized void sync() {
        file.sync();
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            pages.clear();
            file.close();
        }
    }

    @Override
    public synchronized long length() {
        return length;
    }

    @Override
    public boolean isReadOnly() {
        return file.isReadOnly();
    }


    private boolean withinOnePage(long offset, int size) {
        return offset >= 0 && inPage(offset) + size <= PAGE_SIZE && offset + size <= length;
    }

    private byte[] read(long offset, int size) {
        byte[] bytes = new byte[size];
        getData(offset, bytes, 0, size);
        return bytes;
    }

    /** The held page around {@code offset}, read from the file first if need be. */
    private byte[] page(long offset) {
        long index = offset >>> PAGE_SHIFT;
        byte[] page = pages.get(index);
        if (page == null) {
            page = new byte[PAGE_SIZE];
            long start = index << PAGE_SHIFT;
            int present = (int) Math.min(PAGE_SIZE, length - start);
            file.getData(start, page, 0, present);
            pages.put(index, page);
        }
        return page;
    }

    private void patch(long offset, byte[] src, int srcPos, int size) {
        int done = 0;
        while (done < size) {
            long at = offset + done;
            int chunk = Math.min(size - done, PAGE_SIZE - inPage(at));
            byte[] page = pages.get(at >>> PAGE_SHIFT);
            if (page != null) {
                System.arraycopy(src, srcPos + done, page, inPage(at), chunk);
            }
            done += chunk;
        }
    }

    /** Runs a write of the file; if it fails, what the file holds is unknown, so nothing stays held. */
    private void writing(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException | Error e) {
            pages.clear();
            length = file.length();
            throw e;
        }
    }

    private static int inPage(long offset) {
        return (int) (offset & OFFSET_IN_PAGE);
    }
}
