package dev.geminibot.store;

import dev.geminibot.delivery.Inbox;
import org.mapdb.Atomic;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Inbox} in the bot's MapDB file: a hash map of entries by id and an atomic watermark, written in
 * the same transaction as the conversations. (A B-tree would keep ids in order, but it stores values inside
 * its nodes and rewrites a whole node, dozens of updates' JSON, on every put; {@link #pending()} is read only
 * at start, so it sorts instead.)
 * An entry is stored as {@code partsSent \n reply-length \n reply payload} to stay a plain string.
 */
public final class MapDbInbox implements Inbox {
    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<Long, String>> entries;
    private final MapDbDatabase.Handle<Atomic.Long> watermark;
    /**
     * The ids of the entries, kept beside the store so that counting them (the metrics scrape it) reads no
     * entry. A set, not a counter: a write applied again after a failed commit must not count twice.
     */
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    public MapDbInbox(MapDbDatabase database) {
        this.database = database;
        this.entries = database.collection(db -> db.hashMap("inbox", Serializer.LONG, Serializer.STRING).createOrOpen());
        this.watermark = database.collection(db -> db.atomicLong("inbox-watermark").createOrOpen());
        database.read(() -> ids.addAll(entries.get().getKeys()));
    }

    /** How many requests are not yet done, without reading them. */
    public int pendingCount() {
        return ids.size();
    }

    @Override
    public long watermark() {
        return database.read(() -> watermark.get().get());
    }

    @Override
    public Receipt accept(Map<Long, String> payloads, long seenUpTo) {
        long ticket = database.writeLater(() -> {
            payloads.forEach((id, payload) -> entries.get().put(id, encode(new Entry(id, payload, null, 0))));
            watermark.get().set(seenUpTo); // set, not raised: ids restart lower after a week without updates
        });
        ids.addAll(payloads.keySet());
        return () -> database.awaitDurable(ticket);
    }

    @Override
    public void answered(long id, String reply) {
        update(id, entry -> new Entry(id, entry.payload(), reply, 0));
    }

    @Override
    public void progress(long id, int partsSent) {
        update(id, entry -> new Entry(id, entry.payload(), entry.reply(), partsSent));
    }

    @Override
    public void done(long id) {
        database.write(() -> entries.get().remove(id));
        ids.remove(id);
    }

    @Override
    public List<Entry> pending() {
        List<Entry> pending = new ArrayList<>();
        database.read(() -> {
            pending.clear();
            entries.get().forEach((id, value) -> pending.add(decode(id, value)));
            return null;
        });
        pending.sort(java.util.Comparator.comparingLong(Entry::id));
        return pending;
    }

    @Override
    public int forget(java.util.function.Predicate<Entry> which) {
        List<Long> picked = new ArrayList<>();
        for (Entry entry : pending()) {
            if (which.test(entry)) {
                picked.add(entry.id());
            }
        }
        database.write(() -> picked.forEach(id -> entries.get().remove(id)));
        picked.forEach(ids::remove);
        return picked.size();
    }

    private void update(long id, java.util.function.UnaryOperator<Entry> change) {
        database.write(() -> {
            String value = entries.get().get(id);
            if (value != null) {
                entries.get().put(id, encode(change.apply(decode(id, value))));
            }
        });
    }

    private static String encode(Entry entry) {
        String reply = entry.reply() == null ? "" : entry.reply();
        return entry.partsSent() + "\n" + (entry.reply() == null ? -1 : reply.length()) + "\n" + reply + entry.payload();
    }

    private static Entry decode(long id, String value) {
        int first = value.indexOf('\n');
        int second = value.indexOf('\n', first + 1);
        int partsSent = Integer.parseInt(value.substring(0, first));
        int replyLength = Integer.parseInt(value.substring(first + 1, second));
        int replyStart = second + 1;
        String reply = replyLength < 0 ? null : value.substring(replyStart, replyStart + replyLength);
        String payload = value.substring(replyStart + Math.max(replyLength, 0));
        return new Entry(id, payload, reply, partsSent);
    }
}
