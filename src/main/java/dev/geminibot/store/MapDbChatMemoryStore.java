package dev.geminibot.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.geminibot.conversation.ConversationKey;
import dev.geminibot.conversation.ConversationRetention;
import dev.geminibot.support.LruMap;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversation memory in the bot's MapDB file: every change is committed before the call returns (or with
 * the enclosing {@link MapDbDatabase#atomically} block), so an answered exchange survives a crash. Values
 * are LangChain4j's JSON for the message list (never Java serialization); keys are memory ids as strings.
 */
public final class MapDbChatMemoryStore implements ChatMemoryStore, ConversationRetention {
    private static final Logger log = LoggerFactory.getLogger(MapDbChatMemoryStore.class);
    private static final int RECENT_WINDOWS = 1_000;
    /** Longer windows (about 8 KB of text) are decoded again each time: the cache stays under ~20 MB. */
    private static final int LONGEST_RECENT_JSON = 8_192;

    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<String, String>> conversations;
    /** When each conversation last changed (epoch ms), for expiry; written with the conversation. */
    private final MapDbDatabase.Handle<HTreeMap<String, Long>> changed;
    private final Clock clock;
    /**
     * The windows of the conversations used last, as read or written: each answer reads its window and writes it
     * back, and decoding LangChain4j's JSON again was a tenth of a warm answer's CPU.
     */
    private final RecentWindows recent = new RecentWindows();

    public MapDbChatMemoryStore(MapDbDatabase database) {
        this(database, Clock.systemUTC());
    }

    public MapDbChatMemoryStore(MapDbDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.conversations = database.collection(db ->
                db.hashMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen());
        this.changed = database.collection(db ->
                db.hashMap("conversation-changed", Serializer.STRING, Serializer.LONG).createOrOpen());
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String key = key(memoryId);
        List<ChatMessage> window = recent.get(key);
        if (window != null) {
            return new ArrayList<>(window);
        }
        long generation = recent.generation();
        String json = database.read(() -> conversations.get().get(key));
        if (json == null) {
            return new ArrayList<>();
        }
        try {
            List<ChatMessage> read = ChatMessageDeserializer.messagesFromJson(json);
            recent.fill(key, read, json.length(), generation);
            return new ArrayList<>(read);
        } catch (RuntimeException e) {
            // An unreadable entry must not lock the user out of their conversation: start it afresh.
            log.error("Stored conversation {} is unreadable and will be replaced: {}", memoryId, e.toString());
            return new ArrayList<>();
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String json = ChatMessageSerializer.messagesToJson(messages);
        String key = key(memoryId);
        long now = clock.millis();
        List<ChatMessage> window = List.copyOf(messages);
        changing(key, () -> database.write(() -> {
            conversations.get().put(key, json);
            changed.get().put(key, now);
            recent.put(key, window, json.length());
        }));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        String key = key(memoryId);
        changing(key, () -> database.write(() -> {
            conversations.get().remove(key);
            changed.get().remove(key);
            recent.remove(key);
        }));
    }

    @Override
    public int deleteConversationsOf(long userId) {
        return database.write(() -> {
            List<String> keys = new ArrayList<>();
            for (String key : conversations.get().getKeys()) {
                if (userOf(key) == userId) {
                    keys.add(key);
                }
            }
            keys.forEach(this::removeLocked);
            return keys.size();
        });
    }

    @Override
    public int deleteIdleSince(Instant cutoff) {
        long now = clock.millis();
        return database.write(() -> {
            List<String> idle = new ArrayList<>();
            for (String key : conversations.get().getKeys()) {
                Long at = changed.get().get(key);
                if (at == null) {
                    changed.get().put(key, now); // stored before changes were dated: its time starts now
                } else if (at < cutoff.toEpochMilli()) {
                    idle.add(key);
                }
            }
            idle.forEach(this::removeLocked);
            return idle.size();
        });
    }

    /** Inside a write of the store. */
    private void removeLocked(String key) {
        conversations.get().remove(key);
        changed.get().remove(key);
        recent.remove(key);
    }

    /** Runs a write of {@code key}'s window; if it fails, the window is read from the store next time. */
    private void changing(String key, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException | Error e) {
            recent.remove(key);
            throw e;
        }
    }

    /**
     * Changed inside the store's writes, so it follows their order, and dropped where a write fails. A window
     * read from the store is kept only if no write came between the read and the keeping: otherwise a window
     * deleted meanwhile (by /forget, by expiry) could come back from a read that started before.
     */
    private static final class RecentWindows {
        private final LruMap<String, List<ChatMessage>> windows = new LruMap<>(RECENT_WINDOWS); // guarded by this
        private long generation; // guarded by this: writes so far

        synchronized List<ChatMessage> get(String key) {
            return windows.get(key);
        }

        synchronized long generation() {
            return generation;
        }

        synchronized void fill(String key, List<ChatMessage> read, int jsonLength, long readInGeneration) {
            if (generation == readInGeneration && jsonLength <= LONGEST_RECENT_JSON) {
                windows.put(key, List.copyOf(read));
            }
        }

        synchronized void put(String key, List<ChatMessage> window, int jsonLength) {
            generation++;
            if (jsonLength <= LONGEST_RECENT_JSON) {
                windows.put(key, window);
            } else {
                windows.remove(key);
            }
        }

        synchronized void remove(String key) {
            generation++;
            windows.remove(key);
        }
    }

    /** How many conversations are stored. */
    @Override
    public long size() {
        return database.read(() -> conversations.get().sizeLong());
    }

    /** The user of a stored key; -1 for a key that is not a conversation id. */
    private static long userOf(String key) {
        try {
            return ConversationKey.parse(key).userId();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String key(Object memoryId) {
        if (!(memoryId instanceof String id)) {
            throw new IllegalArgumentException("Memory ids are strings, got " + memoryId);
        }
        return id;
    }
}
