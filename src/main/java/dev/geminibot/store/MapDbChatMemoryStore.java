package dev.geminibot.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversation memory in the bot's MapDB file: every change is committed before the call returns (or with
 * the enclosing {@link MapDbDatabase#atomically} block), so an answered exchange survives a crash. Values
 * are LangChain4j's JSON for the message list (never Java serialization); keys are memory ids as strings.
 */
public final class MapDbChatMemoryStore implements ChatMemoryStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbChatMemoryStore.class);

    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<String, String>> conversations;

    public MapDbChatMemoryStore(MapDbDatabase database) {
        this.database = database;
        this.conversations = database.collection(db ->
                db.hashMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen());
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String key = key(memoryId);
        String json = database.read(() -> conversations.get().get(key));
        if (json == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(ChatMessageDeserializer.messagesFromJson(json));
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
        database.write(() -> conversations.get().put(key, json));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        String key = key(memoryId);
        database.write(() -> conversations.get().remove(key));
    }

    /** How many conversations are stored. */
    public long size() {
        return database.read(() -> conversations.get().sizeLong());
    }

    private static String key(Object memoryId) {
        if (!(memoryId instanceof String id)) {
            throw new IllegalArgumentException("Memory ids are strings, got " + memoryId);
        }
        return id;
    }
}
