package dev.geminibot.store;

import dev.geminibot.conversation.Transactions;
import org.mapdb.DB;
import org.mapdb.DBMaker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The bot's one MapDB file, opened with transactions. MapDB has a single global transaction, so every write
 * goes through {@link #write}: writes are serialized, and a write returns only once a commit has made it
 * durable. Commits are grouped: a commit (an fsync, about a millisecond) covers every write made before it, so
 * under load one commit serves many writers. Writes inside {@link #atomically} become durable together.
 *
 * <p>A commit is all or nothing on disk ({@link StoreFile}). When one fails (a full disk), the file holds either
 * the previous commit, and the store is reopened and every write not yet committed is applied again, then
 * committed, or a redo log of the failed one, which the reopening completes (the writes are not applied again);
 * either way retrying until the disk takes it; callers simply wait. Only a damaged file stops the bot
 * ({@link #whenDamaged}). One process per file: a second opener fails at once with
 * {@link StoreUnavailableException}.
 */
public final class MapDbDatabase implements Transactions, AutoCloseable {
    /** The file inside the data directory. */
    public static final String FILE_NAME = StoreFile.FILE_NAME;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MapDbDatabase.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    /** A collection of the store that survives the store being reopened: get it anew for every use. */
    public interface Handle<T> extends Supplier<T> {
    }

    private final StoreFile file; // null: in memory, nothing to reopen
    private final List<Function<DB, ?>> collectionMakers = new CopyOnWriteArrayList<>();
    private volatile Opened opened;
    // ReentrantLocks rather than synchronized: writers are virtual threads, which synchronized pins on JDK 21.
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition retryLater = writeLock.newCondition();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final List<Supplier<?>> uncommitted = new ArrayList<>(); // guarded by writeLock: to apply again after a reopen
    private int depth; // guarded by writeLock: nesting of atomically/write
    private long written; // guarded by writeLock: writes applied so far
    private volatile long committed; // written under writeLock: writes made durable so far
    private boolean failing; // guarded by writeLock: a commit failed and the store is not reopened yet
    private volatile boolean closed;
    private volatile Runnable onDamaged = () -> { };

    private record Opened(DB db, List<Object> collections) {
    }

    private MapDbDatabase(StoreFile file, DB db) {
        this.file = file;
        this.opened = new Opened(db, new CopyOnWriteArrayList<>());
    }

    /**
     * Opens (creating if needed, readable by the owner only) the store in {@code dataDir}, first completing a
     * commit a crash cut short.
     */
    public static MapDbDatabase open(Path dataDir) {
        StoreFile file = new StoreFile(dataDir);
        return new MapDbDatabase(file, file.open().db());
    }

    /** A database in memory only, for tests and tools. */
    public static MapDbDatabase inMemory() {
        return new MapDbDatabase(null, DBMaker.memoryDB().transactionEnable().make());
    }

    /**
     * Reads the collections left unchecked at open ({@link StoreFile#DEFERRED}) through once; damage found is
     * reported like damage found while running ({@link #whenDamaged}). Meant for a background thread after the
     * start; returns when done.
     */
    public void verifyDeferred() {
        long started = System.nanoTime();
        try {
            read(() -> {
                StoreFile.verify(opened.db(), StoreFile.DEFERRED::contains);
                return null;
            });
            log.debug("Checked the stored conversations in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | IllegalAccessError e) {
            if (!closed && !StoreFaults.isDiskTrouble(e)) {
                log.error("The conversation store in {} is damaged ({}): stopping. Restore a copy of it (README, "
                        + "\"Backup and restore\"), or move it away to start with no memory", describeLocation(),
                        StoreFaults.describe(e));
                damaged();
            }
        }
    }

    /** Runs {@code action} (once) when the store turns out to be damaged while the bot runs. */
    public void whenDamaged(Runnable action) {
        this.onDamaged = action;
    }

    /** Creates or opens a collection, committing its creation; {@code maker} runs again after every reopen. */
    <T> Handle<T> collection(Function<DB, T> maker) {
        writeLock.lock();
        try {
            ensureUsable();
            Opened current = opened;
            int index = current.collections().size();
            current.collections().add(maker.apply(current.db()));
            collectionMakers.add(maker);
            current.db().commit();
            @SuppressWarnings("unchecked")
            Handle<T> handle = () -> (T) opened.collections().get(index);
            return handle;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a query without waiting for writers or commits. If the store is being reopened under it, the query
     * waits for that and runs again.
     */
    <T> T read(Supplier<T> query) {
        while (true) {
            Opened before = opened;
            ensureOpen();
            try {
                return query.get();
            } catch (RuntimeException | IllegalAccessError e) { // MapDB signals "DB was closed" with an Error
                ensureOpen();
                if (before == opened && !isFailing()) {
                    throw e;
                }
                awaitReopened();
            }
        }
    }

    /**
     * Runs {@code change} alone and, unless inside {@link #atomically}, returns once a commit covers it (and
     * every write before it). {@code change} may run again after a failed commit: it must only write the store.
     */
    <T> T write(Supplier<T> change) {
        return write(change, true);
    }

    void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    /** Applies {@code change} and returns a ticket for {@link #awaitDurable}, without waiting for a commit. */
    long writeLater(Runnable change) {
        writeLock.lock(); // reentrant: the ticket is read under the same hold as the write
        try {
            write(() -> {
                change.run();
                return null;
            }, false);
            return written;
        } finally {
            writeLock.unlock();
        }
    }

    /** Waits until a commit covers the write that got {@code ticket}. */
    void awaitDurable(long ticket) {
        awaitCommitted(ticket);
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

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The conversation store is closed");
        }
    }

    /** Commits and closes; later use fails with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        writeLock.lock();
        try {
            retryLater.signalAll();
            Opened current = opened;
            if (current == null) {
                if (failing) {
                    throw new StoreUnavailableException("Stopped with writes that " + describeLocation()
                            + " did not take; they are redone after the next start", null);
                }
                return;
            }
            opened = null;
            if (failing) {
                closeQuietly(current.db());
                throw new StoreUnavailableException("Stopped with writes that " + describeLocation()
                        + " did not take; they are redone after the next start", null);
            }
            try {
                current.db().commit(); // DB.close() does not commit a transactional store
            } finally {
                closeQuietly(current.db());
            }
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T write(Supplier<T> change, boolean awaitDurable) {
        T result;
        long ticket;
        writeLock.lock();
        try {
            result = apply(change);
            if (depth > 0) {
                return result; // the enclosing write records, counts and commits it
            }
            uncommitted.add(change);
            ticket = ++written;
            if (!awaitDurable) {
                return result;
            }
        } finally {
            writeLock.unlock();
        }
        awaitCommitted(ticket);
        return result;
    }

    private <T> T apply(Supplier<T> change) {
        while (true) {
            if (depth == 0) {
                ensureUsable();
            } else {
                ensureOpen(); // nested in a write (or in a reopen's redo) that made the store usable already
            }
            RuntimeException failure;
            depth++;
            try {
                return change.get();
            } catch (RuntimeException | IllegalAccessError e) {
                if (depth > 1 || !StoreFaults.isDiskTrouble(e) || file == null) {
                    throw StoreFaults.damageIfFromStore(e, this::damaged);
                }
                failure = StoreFaults.asRuntime(e);
            } finally {
                depth--;
            }
            fail(failure);
        }
    }

    /** Group commit: the first writer in commits everything written so far; later ones find themselves covered. */
    private void awaitCommitted(long ticket) {
        commitLock.lock();
        try {
            while (committed < ticket) {
                writeLock.lock(); // no write may be half-applied while MapDB commits its global transaction
                try {
                    ensureUsable();
                    if (committed >= ticket) {
                        return;
                    }
                    commitLocked();
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            commitLock.unlock();
        }
    }

    private void commitLocked() {
        long upTo = written;
        try {
            opened.db().commit();
        } catch (RuntimeException | IllegalAccessError e) {
            if (!StoreFaults.isDiskTrouble(e) || file == null) {
                throw StoreFaults.damageIfFromStore(e, this::damaged);
            }
            fail(StoreFaults.asRuntime(e));
            return;
        }
        committed = upTo;
        uncommitted.clear();
    }

    /** Marks the store failing after a write or commit the disk refused; the next use reopens it. */
    private void fail(RuntimeException cause) {
        if (!failing) {
            failing = true;
            log.error("Cannot write the conversation store in {}: {}. New messages wait (Telegram keeps them) "
                    + "and the bot retries until the disk takes writes again.", describeLocation(), StoreFaults.describe(cause));
        }
    }

    /**
     * Waits (lock held) until the store is usable: while a failed commit is not yet repaired, reopens the file,
     * applies every uncommitted write again and commits them, retrying with back-off until that works.
     */
    private void ensureUsable() {
        Duration wait = FIRST_RETRY;
        while (failing) {
            ensureOpen();
            try {
                reopenAndRedo();
                return;
            } catch (RuntimeException | IllegalAccessError e) { // the file cannot be opened while the disk is full either
                if (!StoreFaults.isDiskTrouble(e)) {
                    throw StoreFaults.damageIfFromStore(e, this::damaged);
                }
                log.debug("The conversation store still refuses writes: {}", StoreFaults.describe(e));
            }
            try {
                retryLater.await(wait.toNanos(), TimeUnit.NANOSECONDS); // lets close() in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("Interrupted while waiting for the conversation store", e);
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
        }
        ensureOpen();
    }

    private void reopenAndRedo() {
        Opened previous = opened;
        if (previous != null) {
            closeQuietly(previous.db());
        }
        opened = null;
        StoreFile.Opening opening = file.open();
        DB db = opening.db();
        List<Object> collections = new CopyOnWriteArrayList<>();
        try {
            for (Function<DB, ?> maker : collectionMakers) {
                collections.add(maker.apply(db));
            }
            opened = new Opened(db, collections);
            // the commit that failed held every uncommitted write (none is applied while failing); if its redo
            // log completed it, applying them again would apply a read-modify-write (a count) twice
            if (!opening.completedCommit()) {
                depth++;
                try {
                    uncommitted.forEach(Supplier::get);
                } finally {
                    depth--;
                }
                db.commit();
            }
        } catch (RuntimeException | Error e) {
            opened = null;
            closeQuietly(db);
            throw e;
        }
        committed = written;
        uncommitted.clear();
        failing = false;
        log.info("The conversation store takes writes again; carrying on");
    }

    private boolean isFailing() {
        writeLock.lock();
        try {
            return failing;
        } finally {
            writeLock.unlock();
        }
    }

    private void awaitReopened() {
        writeLock.lock();
        try {
            ensureUsable();
        } finally {
            writeLock.unlock();
        }
    }

    private void damaged() {
        onDamaged.run();
    }

    private String describeLocation() {
        return file == null ? "memory" : file.describe();
    }

    private static void closeQuietly(DB db) {
        try {
            db.close();
        } catch (RuntimeException | Error e) {
            // closing a store whose disk failed: the file keeps its last whole commit
        }
    }
}
