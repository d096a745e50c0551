package dev.geminibot.telegram.files;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files downloaded last, up to a total size, least recently used dropped first: a follow-up question about
 * a photo usually comes within minutes, and its bytes are then still here. Thread-safe.
 */
final class RecentFiles {
    private final long capacity;
    private final LinkedHashMap<String, byte[]> files = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
    private long size; // guarded by this

    /** @param capacity the most bytes kept; 0 keeps nothing */
    RecentFiles(long capacity) {
        this.capacity = capacity;
    }

    synchronized byte[] get(String handle) {
        return files.get(handle);
    }

    /** Keeps {@code bytes} unless they would take more than a quarter of the room (one big file must not flush the rest). */
    synchronized void clear() {
        files.clear();
        size = 0;
    }

    synchronized void put(String handle, byte[] bytes) {
        if (bytes.length > capacity / 4) {
            return;
        }
        byte[] old = files.put(handle, bytes);
        size += bytes.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<String, byte[]>> eldest = files.entrySet().iterator();
        while (size > capacity && eldest.hasNext()) {
            size -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    synchronized long size() {
        return size;
    }
}
