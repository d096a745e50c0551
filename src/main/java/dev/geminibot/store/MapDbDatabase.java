package dev.geminibot.store;

import dev.geminibot.conversation.Transactions;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The bot's one MapDB file, opened with transactions (a write-ahead log). MapDB has a single global
 * transaction, so every write goes through {@link #write}: writes are serialized, and a write returns only
 * once a commit has made it durable. Commits are grouped: a commit (an fsync, about a millisecond) covers
 * every write made before it, so under load one commit serves many writers. Writes inside
 * {@link #atomically} are applied together and become durable in the same commit.
 * One process per file: a second opener fails at once with {@link StoreUnavailableException}.
 */
public final class MapDbDatabase implements Transactions, AutoCloseable {
    /** The file inside the data directory. */
    public static final String FILE_NAME = "conversations.db";

    private final DB db;
    // ReentrantLocks rather than synchronized: writers are virtual threads, which synchronized pins on JDK 21.
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private int depth; // guarded by writeLock: nesting of atomically/write
    private long written; // guarded by writeLock: writes applied so far
    private long committed; // guarded by commitLock: writes made durable so far
    private volatile boolean closed; // written under writeLock; read without it, so reads never wait for a commit

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

    /**
     * Runs {@code change} alone and, unless inside {@link #atomically}, returns once a commit covers it (and
     * every write before it).
     */
    <T> T write(Supplier<T> change) {
        return write(change, true);
    }

    /** Applies {@code change} and returns a ticket for {@link #awaitDurable}, without waiting for a commit. */
    long writeLater(Runnable change) {
        long[] ticket = new long[1];
        write(() -> {
            change.run();
            ticket[0] = written + 1; // the ticket write() is about to take, under the same lock
            return null;
        }, false);
        return ticket[0];
    }

    /** Waits until a commit covers the write that got {@code ticket}. */
    void awaitDurable(long ticket) {
        awaitCommitted(ticket);
    }

    private <T> T write(Supplier<T> change, boolean awaitDurable) {
        T result;
        long ticket;
        writeLock.lock();
        try {
            ensureOpen();
            depth++;
            try {
                result = change.get();
            } finally {
                depth--;
            }
            ticket = ++written;
            if (depth > 0 || !awaitDurable) {
                return result;
            }
        } finally {
            writeLock.unlock();
        }
        awaitCommitted(ticket);
        return result;
    }

    /** Group commit: the first writer in commits everything written so far; later ones find themselves covered. */
    private void awaitCommitted(long ticket) {
        commitLock.lock();
        try {
            if (committed >= ticket) {
                return;
            }
            long upTo;
            writeLock.lock(); // no write may be half-applied while MapDB commits its global transaction
            try {
                ensureOpen();
                upTo = written;
                db.commit();
            } finally {
                writeLock.unlock();
            }
            committed = upTo;
        } finally {
            commitLock.unlock();
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
        if (closed) {
            throw new IllegalStateException("The conversation store is closed");
        }
    }

    /**
     * Applies {@code writes} together: no commit can fall between them. Returns without waiting for a commit;
     * the next waiting write makes them durable. Used where an fsync would sit on the answer's path while a
     * later write (marking the request done) must wait anyway.
     */
    @Override
    public void atomically(Runnable writes) {
        write(() -> {
            writes.run();
            return null;
        }, false);
    }

    /** Commits and closes; later use fails with {@link IllegalStateException}. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            db.commit(); // DB.close() does not commit a transactional store
            db.close();
        } finally {
            writeLock.unlock();
        }
    }
}
