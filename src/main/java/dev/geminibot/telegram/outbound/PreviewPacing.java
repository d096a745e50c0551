package dev.geminibot.telegram.outbound;

import java.time.Duration;

/**
 * When a preview of an answer being written may go out: {@code firstAfter} after its first piece (a quick
 * answer needs none), then at most once per {@code interval}. Not thread-safe: its owner calls it under its lock.
 */
final class PreviewPacing {
    private final long firstAfterNanos;
    private final long intervalNanos;
    private long firstPieceNanos;
    private long lastSentNanos;

    PreviewPacing(Duration firstAfter, Duration interval) {
        this.firstAfterNanos = firstAfter.toNanos();
        this.intervalNanos = interval.toNanos();
    }

    /** Whether a preview is due at {@code now} (a piece of the answer just came). */
    boolean due(long now) {
        if (firstPieceNanos == 0) {
            firstPieceNanos = now;
        }
        return lastSentNanos == 0 ? now - firstPieceNanos >= firstAfterNanos : now - lastSentNanos >= intervalNanos;
    }

    /** A preview went out at {@code now}. */
    void sent(long now) {
        lastSentNanos = now;
    }

    /** When the last preview went out ({@link System#nanoTime()}; 0: none yet). */
    long lastSent() {
        return lastSentNanos;
    }
}
