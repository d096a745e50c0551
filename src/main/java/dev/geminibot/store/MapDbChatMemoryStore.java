package dev.geminibot.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversation memory in one MapDB file with transactions: every change is committed before the call
 * returns, so an answered exchange survives a crash. Values are LangChain4j's JSON for the message list
 * (never Java serialization); keys are memory ids as strings.
 *
 * <p>One process per file: a second opener fails at once with {@link StoreUnavailableException}.
 */
public final class MapDbChatMemoryStore implements ChatMemoryStore, AutoCloseable {
    /** The file inside the data directory. */
    public static final String FILE_NAME = "conversations.db";
    private static final Logger log = LoggerFactory.getLogger(MapDbChatMemoryStore.class);

    private final DB db;
    private final HTreeMap<String, String> conversations;
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private MapDbChatMemoryStore(DB db) {
        this.db = db;
        this.conversations = db.hashMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen();
        db.commit();
    }

    /** Opens (creating if needed) the store in {@code dataDir}. */
    public static MapDbChatMemoryStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreUnavailableException("Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            return new MapDbChatMemoryStore(DBMaker.fileDB(file.toFile()).transactionEnable().make());
        } catch (DBException.FileLocked e) {
            throw new StoreUnavailableException("Data directory " + dataDir.toAbsolutePath()
                    + " is in use by another gemini-telegram-bot process (" + FILE_NAME + " is locked)", e);
        } catch (DBException e) {
            throw new StoreUnavailableException("Cannot open " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** A store in memory only, for tests and tools. */
    public static MapDbChatMemoryStore inMemory() {
        return new MapDbChatMemoryStore(DBMaker.memoryDB().transactionEnable().make());
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        ensureOpen();
        String json = conversations.get(key(memoryId));
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
        synchronized (writeLock) {
            ensureOpen();
            conversations.put(key(memoryId), json);
            db.commit();
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        synchronized (writeLock) {
            ensureOpen();
            conversations.remove(key(memoryId));
            db.commit();
        }
    }

    /** How many conversations are stored. */
    public long size() {
        return conversations.sizeLong();
    }

    /** Commits and closes; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            db.commit(); // DB.close() does not commit a transactional store
            db.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Conversation store is closed");
        }
    }

    private static String key(Object memoryId) {
        if (!(memoryId instanceof String id)) {
            throw new IllegalArgumentException("Memory ids are strings, got " + memoryId);
        }
        return id;
    }
}
