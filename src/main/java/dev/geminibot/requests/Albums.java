package dev.geminibot.requests;

import dev.geminibot.conversation.Attachment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gathers the parts of an album (several files sent at once: separate messages with one album id, possibly in
 * different getUpdates batches) into one question. Parts are noted as they arrive ({@link #arrived}), before they
 * queue on their conversation's lane; the first part to be handled waits until no part has arrived for
 * {@code wait}, then asks about all of them, and the other parts are then answered already.
 *
 * <p>A part arriving after its album was asked about starts an album of its own. After a restart, the parts still
 * in the inbox are noted again and gathered the same way (a part whose album was answered just before a crash,
 * and that was not yet marked done itself, is then asked about on its own). Albums nobody asks about (a group's
 * photos that do not mention the bot) are dropped after two minutes.
 */
public final class Albums {
    private static final int REMEMBERED_ABSORBED = 10_000;

    private final long waitNanos;
    private final Map<String, Album> open = new HashMap<>(); // guarded by this
    /** Update ids of parts answered as part of an earlier one's album. */
    private final Map<Long, Boolean> absorbed = new LinkedHashMap<>() { // guarded by Albums.this
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_ABSORBED;
        }
    };

    /** An album nobody asked about for this long (a group's photos that did not mention the bot) is dropped. */
    private static final long STALE_NANOS = Duration.ofMinutes(2).toNanos();

    private static final class Album {
        final TreeMap<Long, Request.AlbumPart> parts = new TreeMap<>();
        long lastArrival;
        /** Its first part was refused (the per-user limit): the album is not answered, its parts end silently. */
        boolean refused;
    }

    /** @param wait how long after an album's last part to wait for more */
    public Albums(Duration wait) {
        this.waitNanos = wait.toNanos();
    }

    /** Notes a part as it arrives; returns whether it is the first of its album (only that one counts as a question). */
    public synchronized boolean arrived(Incoming incoming, Request.AlbumPart part) {
        long now = System.nanoTime();
        open.values().removeIf(album -> now - album.lastArrival > STALE_NANOS + waitNanos);
        String key = key(incoming, part);
        Album album = open.computeIfAbsent(key, k -> new Album());
        boolean first = album.parts.isEmpty();
        album.parts.putIfAbsent(incoming.updateId(), part);
        album.lastArrival = now;
        notifyAll();
        return first;
    }

    /**
     * The album of {@code part} (its first) will not be answered, e.g. over the per-user limit: its other parts,
     * arrived or still to come, end without a reply of their own.
     */
    public synchronized void refuse(Incoming incoming, Request.AlbumPart part) {
        Album album = open.get(key(incoming, part));
        if (album != null) {
            album.refused = true;
            album.parts.remove(incoming.updateId());
        }
    }

    /**
     * The question a part asks: for the first part handled, its album's (after the wait); empty for a part already
     * answered with its album.
     *
     * @throws InterruptedException the bot is stopping
     */
    synchronized Optional<Request.Ask> question(Incoming incoming, Request.AlbumPart part) throws InterruptedException {
        if (absorbed.remove(incoming.updateId()) != null) {
            return Optional.empty();
        }
        String key = key(incoming, part);
        Album album = open.get(key);
        if (album != null && album.refused) {
            album.parts.remove(incoming.updateId());
            return Optional.empty();
        }
        if (album == null || !album.parts.containsKey(incoming.updateId())) {
            return Optional.of(part.ask()); // never noted: a question of its own
        }
        for (long left = album.lastArrival + waitNanos - System.nanoTime(); left > 0;
             left = album.lastArrival + waitNanos - System.nanoTime()) {
            Duration pause = Duration.ofNanos(left);
            wait(Math.max(1, pause.toMillis())); // releases the lock: parts still arriving are noted meanwhile
        }
        open.remove(key);
        album.parts.keySet().stream().filter(id -> id != incoming.updateId()).forEach(id -> absorbed.put(id, true));
        List<Request.AlbumPart> parts = album.parts.values().stream().toList();
        String caption = parts.stream().map(p -> p.ask().question()).filter(q -> !q.isBlank()).findFirst().orElse("");
        List<Attachment> files = new ArrayList<>();
        parts.forEach(p -> files.addAll(p.ask().attachments()));
        return Optional.of(new Request.Ask(caption, files));
    }

    private static String key(Incoming incoming, Request.AlbumPart part) {
        return incoming.conversation().id() + "|" + part.albumId();
    }

    /** Albums noted and not yet asked about (for tests and metrics). */
    synchronized int open() {
        return open.size();
    }

}
