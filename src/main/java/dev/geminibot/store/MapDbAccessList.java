package dev.geminibot.store;

import dev.geminibot.requests.AccessList;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AccessList} in the bot's MapDB file: user id to {@code true} (allowed) or {@code false} (denied). Every
 * message asks for its sender's decision, and a lookup in MapDB was a twentieth of a warm answer's CPU: the
 * decisions (a handful, set by admins) are held in memory too, read once and changed with the store.
 */
public final class MapDbAccessList implements AccessList {
    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<Long, Boolean>> decisions;
    private final Map<Long, Boolean> held;

    public MapDbAccessList(MapDbDatabase database) {
        this.database = database;
        this.decisions = database.collection(db ->
                db.hashMap("access", Serializer.LONG, Serializer.BOOLEAN).createOrOpen());
        this.held = new ConcurrentHashMap<>(database.read(() -> new HashMap<>(decisions.get())));
    }

    @Override
    public Optional<Boolean> decision(long userId) {
        return Optional.ofNullable(held.get(userId));
    }

    @Override
    public void allow(long userId) {
        decide(userId, true);
    }

    @Override
    public void deny(long userId) {
        decide(userId, false);
    }

    private void decide(long userId, boolean allowed) {
        try {
            database.write(() -> {
                decisions.get().put(userId, allowed);
                held.put(userId, allowed);
            });
        } catch (RuntimeException | Error e) {
            // the write may be applied and still be committed (it is redone after a failed commit): the store says
            try {
                Boolean stored = database.read(() -> decisions.get().get(userId));
                if (stored == null) {
                    held.remove(userId);
                } else {
                    held.put(userId, stored);
                }
            } catch (RuntimeException | Error unreadable) {
                e.addSuppressed(unreadable);
            }
            throw e;
        }
    }

    @Override
    public Map<Long, Boolean> decisions() {
        return new HashMap<>(held);
    }
}
