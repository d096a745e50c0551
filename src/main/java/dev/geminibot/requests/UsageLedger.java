package dev.geminibot.requests;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Per-user counts of answered questions and their tokens, for the day (UTC) and in all (a port; the store
 * implements it). Only questions Gemini answered count: commands, refusals and failures never do.
 */
public interface UsageLedger {

    /** One user's counts: today's, and since the bot first answered them. */
    record Usage(long messagesToday, long tokensToday, long messagesTotal, long tokensTotal) {
        public static final Usage NONE = new Usage(0, 0, 0, 0);
    }

    /** Everyone's counts added up, for {@code /stats}; {@code usersToday}: users answered today. */
    record Totals(long users, long usersToday, long messagesToday, long tokensToday, long messagesTotal,
                  long tokensTotal) {
    }

    /**
     * Counts one answered question of {@code userId} on {@code day} with its tokens. Call inside the exchange's
     * transaction ({@code Transactions.atomically}), so that the count and the exchange are durable together.
     */
    void count(long userId, LocalDate day, long tokens);

    /** {@code userId}'s counts as of {@code day} (today's are zero if they were counted on an earlier day). */
    Usage of(long userId, LocalDate day);

    /** Everyone's counts as of {@code day}. */
    Totals totals(LocalDate day);

    /** Forgets everything counted for {@code userId}. */
    void forget(long userId);

    /** A ledger that keeps nothing, where usage is not counted (tests). */
    UsageLedger NONE = new UsageLedger() {
        @Override
        public void count(long userId, LocalDate day, long tokens) {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public Usage of(long userId, LocalDate day) {
            return Usage.NONE;
        }

        @Override
        public Totals totals(LocalDate day) {
            return new Totals(0, 0, 0, 0, 0, 0);
        }

        @Override
        public void forget(long userId) {
        }
    };
}
