package dev.geminibot.store;

import dev.geminibot.requests.AccessList;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link AccessList} in the bot's MapDB file: user id to {@code true} (allowed) or {@code false} (denied). */
public final class MapDbAccessList implements AccessList {
    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<Long, Boolean>> decisions;

    public MapDbAccessList(MapDbDatabase database) {
        this.database = database;
        this.decisions = database.collection(db ->
                db.hashMap("access", Serializer.LONG, Serializer.BOOLEAN).createOrOpen());
    }

    @Override
    public Optional<Boolean> decision(long userId) {
        return Optional.ofNullable(database.read(() -> decisions.get().get(userId)));
    }

    @Override
    public void allow(long userId) {
        database.write(() -> decisions.get().put(userId, true));
    }

    @Override
    public void deny(long userId) {
        database.write(() -> decisions.get().put(userId, false));
    }

    @Override
    public Map<Long, Boolean> decisions() {
        return database.read(() -> new HashMap<>(decisions.get()));
    }
}
