package dev.geminibot.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry backoff of the bot (Gemini, Telegram calls, polling): the first wait is {@code initial}, each
 * further failure doubles it, every wait is jittered by ±50 % so that retries of many requests spread out, and no
 * wait is longer than {@link #MAX}.
 */
public record Backoff(Duration initial) {
    /** The longest wait between two tries. */
    public static final Duration MAX = Duration.ofSeconds(30);
    private static final int MAX_DOUBLINGS = 16;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
    }

    /** How long to wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        long exponential = Math.min(initial.toMillis() << Math.min(failures - 1, MAX_DOUBLINGS), MAX.toMillis());
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential + 1);
        return Duration.ofMillis(Math.min(jittered, MAX.toMillis()));
    }
}
