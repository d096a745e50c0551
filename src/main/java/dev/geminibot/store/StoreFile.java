package dev.geminibot.store;

import org.mapdb.Atomic;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.HTreeMap;
import org.mapdb.StoreWAL;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.RandomAccessFileVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The store's files in the data directory and how MapDB is opened on them: {@value #FILE_NAME} with
 * transactions, its commits made all or nothing by an {@link AtomicCommitVolume} and its {@link RedoLog}
 * ({@value #FILE_NAME}{@value #REDO_SUFFIX}). MapDB's own write-ahead log only holds the writes of the
 * transaction in progress, which a crash loses anyway, so it lives in memory. On open, a commit a crash cut
 * short is completed and every collection is read through once, so a damaged file stops the start with one
 * line instead of failing users one by one.
 */
final class StoreFile {
    static final String FILE_NAME = "conversations.db";
    static final String REDO_SUFFIX = ".redo";
    private static final Logger log = LoggerFactory.getLogger(StoreFile.class);
    /** 4 MB of the file held in memory: all of it for a few thousand conversations, the hot part beyond. */
    private static final int CACHED_PAGES = 1024;

    private final Path dataDir;
    private final Path path;
    /** A commit was completed from the redo log by an open that then failed: the next open says so instead. */
    private boolean completedCommit;

    StoreFile(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.path = this.dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return path;
    }

    /** The store, opened; {@code completedCommit}: a commit that a stop or a failed copy cut short was completed. */
    record Opening(DB db, boolean completedCommit) {
    }

    /** Opens the store, checked; failures are {@link StoreUnavailableException}s that say what to do. */
    Opening open() {
        prepareDirectory();
        Volume file = null;
        RedoLog redo = null;
        try {
            FilePermissions.createPrivateFile(path);
            file = new PageCachedVolume(RandomAccessFileVol.FACTORY.makeVolume(path.toString(), false, 0L, CC.PAGE_SHIFT,
                    0L, false), CACHED_PAGES);
            redo = RedoLog.open(dataDir.resolve(FILE_NAME + REDO_SUFFIX));
            if (AtomicCommitVolume.recover(file, redo)) {
                completedCommit = true;
                log.info("Completed the store commit that was cut short");
            }
            DB db = open(new AtomicCommitVolume(file, redo), file.length() > 0);
            verify(db, name -> !DEFERRED.contains(name));
            Opening opening = new Opening(db, completedCommit);
            completedCommit = false;
            return opening;
        } catch (DBException.FileLocked e) {
            closeQuietly(file, redo);
            throw new StoreUnavailableException("Data directory " + dataDir
                    + " is in use by another gemini-telegram-bot process (" + FILE_NAME + " is locked)", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(file, redo);
            if (StoreFaults.isDiskTrouble(e)) {
                throw new StoreUnavailableException("Cannot open " + path + " (BOT_DATA_DIR): "
                        + StoreFaults.describe(e), e);
            }
            throw new StoreUnavailableException("The conversation store " + path + " is damaged ("
                    + StoreFaults.describe(e) + "). Stop here: restore a copy of it (README, \"Backup and restore\"), "
                    + "or move it away to start with no memory", e);
        }
    }

    /** Where the store is, for log lines. */
    String describe() {
        return "BOT_DATA_DIR " + dataDir;
    }

    private static DB open(AtomicCommitVolume file, boolean exists) {
        VolumeFactory volumes = new VolumeFactory() {
            @Override
            public Volume makeVolume(String name, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                                     boolean fixedSize) {
                // the store file, or one of MapDB's write-ahead log files, which never need to outlive the process
                return name.equals(file.getFile().getPath()) ? file : new ByteArrayVol(CC.PAGE_SHIFT, 0L);
            }

            @Override
            public boolean exists(String name) {
                return name.equals(file.getFile().getPath()) && exists;
            }

            @Override
            public boolean handlesReadonly() {
                return false;
            }
        };
        // The arguments DBMaker.fileDB(..).transactionEnable().make() passes: lock wait 0, thread-safe,
        // default concurrency, 1 MB allocation steps, no checksums, header checksum checked.
        StoreWAL store = StoreWAL.make(file.getFile().getPath(), volumes, 0L, true, CC.STORE_DIRECT_CONC_SHIFT,
                CC.PAGE_SIZE, 0L, false, false, false, true, false);
        return new DB(store, exists, true, DB.class.getClassLoader(), 0);
    }

    /**
     * Collections read through after the start ({@link MapDbDatabase#verifyDeferred}) instead of at open: those
     * that grow with the users, the conversations above all (about a second per 100,000 on two cores), and the
     * bot can poll and record requests while they are checked. Everything else, the inbox of unfinished
     * requests first, is checked before the first poll.
     */
    static final Set<String> DEFERRED = Set.of("conversations", "conversation-changed", "usage");

    /**
     * Reads the collections {@code which} names through once: a damaged page fails here rather than for a
     * user later.
     */
    static void verify(DB db, Predicate<String> which) {
        db.getAll().forEach((name, collection) -> {
            if (!which.test(name)) {
                return;
            }
            if (collection instanceof HTreeMap<?, ?> map) {
                map.forEach((key, value) -> { });
            } else if (collection instanceof Atomic.Long number) {
                number.get();
            }
        });
    }

    private void prepareDirectory() {
        try {
            FilePermissions.createPrivateDirectory(dataDir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new StoreUnavailableException("BOT_DATA_DIR " + dataDir + " is not a directory", e);
        } catch (AccessDeniedException e) {
            throw new StoreUnavailableException("Cannot create BOT_DATA_DIR " + dataDir + ": permission denied", e);
        } catch (IOException e) {
            throw new StoreUnavailableException("Cannot create BOT_DATA_DIR " + dataDir + ": " + StoreFaults.describe(e), e);
        }
        if (!Files.isDirectory(dataDir)) {
            throw new StoreUnavailableException("BOT_DATA_DIR " + dataDir + " is not a directory", null);
        }
        if (!Files.isWritable(dataDir) || Files.exists(path) && !Files.isWritable(path)) {
            throw new StoreUnavailableException("Cannot write in BOT_DATA_DIR " + dataDir + ": permission denied. "
                    + "Give the bot's user the directory (the Docker image runs as uid 10001: chown 10001 it)", null);
        }
        deleteLeftoverWriteAheadLogs();
    }

    /** Earlier versions kept MapDB's write-ahead log on disk; it is never read, so it is only clutter. */
    private void deleteLeftoverWriteAheadLogs() {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dataDir, FILE_NAME + ".wal.*")) {
            for (Path wal : logs) {
                Files.deleteIfExists(wal);
            }
        } catch (IOException e) {
            log.debug("Could not delete old write-ahead log files: {}", e.toString());
        }
    }

    private static void closeQuietly(Volume file, RedoLog redo) {
        try {
            if (file != null) {
                file.close();
            }
            if (redo != null) {
                redo.close();
            }
        } catch (IOException | RuntimeException e) {
            // already failing; the first error is the one worth reporting
        }
    }
}
