package dev.geminibot.conversation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Deletes the conversations nobody has written to for longer than the expiry ({@code BOT_CONVERSATION_EXPIRY});
 * run every {@link #sweepEvery} so a conversation lives at most about a tenth longer than that.
 */
public final class ConversationExpiry implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConversationExpiry.class);
    private static final Duration SHORTEST_SWEEP = Duration.ofMillis(100);
    private static final Duration LONGEST_SWEEP = Duration.ofHours(1);

    private final ConversationRetention stored;
    private final Duration expiry;
    private final Clock clock;
    private final IntConsumer expired;

    /** @param expired told how many conversations each sweep deleted (e.g. to count them) */
    public ConversationExpiry(ConversationRetention stored, Duration expiry, Clock clock, IntConsumer expired) {
        this.stored = Objects.requireNonNull(stored, "stored");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expired = Objects.requireNonNull(expired, "expired");
    }

    /** How often to sweep: a tenth of the expiry, between 100 ms and an hour. */
    public static Duration sweepEvery(Duration expiry) {
        Duration tenth = expiry.dividedBy(10);
        if (tenth.compareTo(SHORTEST_SWEEP) < 0) {
            return SHORTEST_SWEEP;
        }
        return tenth.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP : tenth;
    }

    @Override
    public void run() {
        try {
            int deleted = stored.deleteIdleSince(clock.instant().minus(expiry));
            if (deleted > 0) {
                log.info("Deleted {} conversation(s) idle for longer than {}", deleted, expiry);
            }
            expired.accept(deleted);
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the next sweep tries anew
            log.warn("Could not delete idle conversations: {}", e.toString());
        }
    }
}
