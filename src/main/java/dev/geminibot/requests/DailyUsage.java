package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Each user's answered questions and tokens per UTC day ({@link UsageLedger}), and the optional daily limits on
 * them. A question Gemini answered counts (with its tokens) in the same transaction as the exchange; commands,
 * refusals and failures never count. The token limit is checked before asking, so the answer that crosses it is
 * still given whole.
 */
public final class DailyUsage {
    private final UsageLedger ledger;
    private final Limits limits;
    private final Clock clock;

    /**
     * @param messages questions answered per user and day; 0 = no limit
     * @param tokens Gemini tokens (prompt and answer) per user and day; 0 = no limit
     */
    public record Limits(int messages, long tokens) {
        public static final Limits NONE = new Limits(0, 0);

        public Limits {
            if (messages < 0 || tokens < 0) {
                throw new IllegalArgumentException("limits must be >= 0 (0 = none), got " + messages + ", " + tokens);
            }
        }
    }

    /** A daily limit the user has reached: which one, its size, and how long until it resets (UTC midnight). */
    public record Reached(boolean tokens, long allowance, Duration untilReset) {
        public Reached {
            Objects.requireNonNull(untilReset, "untilReset");
        }

        /** The limit's name in metrics. */
        String limit() {
            return tokens ? "tokens" : "messages";
        }
    }

    public DailyUsage(UsageLedger ledger, Limits limits, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts nothing and limits nothing. */
    public static DailyUsage none() {
        return new DailyUsage(UsageLedger.NONE, Limits.NONE, Clock.systemUTC());
    }

    /** The daily limit {@code userId} has reached, if any. */
    Optional<Reached> reached(long userId) {
        if (limits.messages() == 0 && limits.tokens() == 0) {
            return Optional.empty();
        }
        UsageLedger.Usage usage = ledger.of(userId, today());
        if (limits.messages() > 0 && usage.messagesToday() >= limits.messages()) {
            return Optional.of(new Reached(false, limits.messages(), untilReset()));
        }
        if (limits.tokens() > 0 && usage.tokensToday() >= limits.tokens()) {
            return Optional.of(new Reached(true, limits.tokens(), untilReset()));
        }
        return Optional.empty();
    }

    /** Counts an answered question; call inside the exchange's transaction. */
    void count(long userId, Answer.Tokens tokens) {
        ledger.count(userId, today(), tokens.total());
    }

    UsageLedger.Usage of(long userId) {
        return ledger.of(userId, today());
    }

    UsageLedger.Totals totals() {
        return ledger.totals(today());
    }

    void forget(long userId) {
        ledger.forget(userId);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private Duration untilReset() {
        return Duration.between(clock.instant(), today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
