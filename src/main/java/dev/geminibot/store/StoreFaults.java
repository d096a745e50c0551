package dev.geminibot.store;

import dev.geminibot.support.Causes;
import org.mapdb.DBException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Tells a disk that refuses writes (worth retrying) from a damaged store file (not worth it) and says which. */
final class StoreFaults {
    private StoreFaults() {
    }

    /** An I/O error: a full disk, a file size limit, a failing device. The file keeps its last whole commit. */
    static boolean isDiskTrouble(Throwable error) {
        return Causes.anyIs(error, IOException.class) || Causes.anyIs(error, UncheckedIOException.class)
                || Causes.anyIs(error, DBException.VolumeIOError.class);
    }

    /**
     * {@code error} as it should reach the caller: if MapDB threw it (reading garbage shows up as anything from
     * a checksum error to an index out of bounds), the file is damaged: {@code onDamage} runs and the error
     * becomes a {@link StoreUnavailableException} that says so. Anything else (a bug of ours) passes unchanged.
     */
    static RuntimeException damageIfFromStore(Throwable error, Runnable onDamage) {
        if (error instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        if (error instanceof DBException || thrownByMapDb(error)) {
            onDamage.run();
            return new StoreUnavailableException("The conversation store is damaged: " + describe(error), error);
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return (RuntimeException) error;
    }

    static RuntimeException asRuntime(Throwable error) {
        return error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }

    /** The innermost cause in a few words, e.g. "IOException: No space left on device". */
    static String describe(Throwable error) {
        return Causes.describeRoot(error);
    }

    /** Whether the first frame outside the JDK and Kotlin's runtime is MapDB's. */
    private static boolean thrownByMapDb(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("kotlin.")) {
                return type.startsWith("org.mapdb.");
            }
        }
        return false;
    }
}
