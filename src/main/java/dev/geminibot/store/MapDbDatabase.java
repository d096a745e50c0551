package dev.geminibot.store;

import dev.geminibot.conversation.Transactions;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The bot's one MapDB file, opened with transactions (a write-ahead log). MapDB has a single global
 * transaction, so every write goes through {@link #write}: writes are serialized and each outermost one
 * ends with a commit, which makes it durable. Nested writes (inside {@link #atomically}) commit together.
 * One process per file: a second opener fails at once with {@link StoreUnavailableException}.
 */
public final class MapDbDatabase implements Transactions, AutoCloseable {
    /** The file inside the data directory. */
    public static final String FILE_NAME = "conversations.db";

    private final DB db;
    private final Object lock = new Object();
    private int depth; // guarded by lock
    private boolean closed; // guarded by lock

    private MapDbDatabase(DB db) {
        this.db = db;
    }

    /** Opens (creating if needed) the database in {@code dataDir}. */
    public static MapDbDatabase open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreUnavailableException("Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            return new MapDbDatabase(DBMaker.fileDB(file.toFile()).transactionEnable().make());
        } catch (DBException.FileLocked e) {
            throw new StoreUnavailableException("Data directory " + dataDir.toAbsolutePath()
                    + " is in use by another gemini-telegram-bot process (" + FILE_NAME + " is locked)", e);
        } catch (DBException e) {
            throw new StoreUnavailableException("Cannot open " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** A database in memory only, for tests and tools. */
    public static MapDbDatabase inMemory() {
        return new MapDbDatabase(DBMaker.memoryDB().transactionEnable().make());
    }

    /** Creates a collection, committing its creation. */
    <T> T create(Supplier<T> collection) {
        return write(collection);
    }

    /** Runs {@code change} alone and, unless inside {@link #atomically}, commits before returning. */
    <T> T write(Supplier<T> change) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The conversation store is closed");
            }
            depth++;
            try {
                return change.get();
            } finally {
                if (--depth == 0) {
                    db.commit();
                }
            }
        }
    }

    void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    DB db() {
        return db;
    }

    void ensureOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The conversation store is closed");
            }
        }
    }

    @Override
    public void atomically(Runnable writes) {
        write(writes);
    }

    /** Commits and closes; later use fails with {@link IllegalStateException}. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            db.commit(); // DB.close() does not commit a transactional store
            db.close();
        }
    }
}
