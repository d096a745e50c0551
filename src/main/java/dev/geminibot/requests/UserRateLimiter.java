package dev.geminibot.requests;

import dev.geminibot.support.LruMap;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per user (Bucket4j): {@code messages} questions per {@code period}, refilled continuously.
 * Tells the caller whether to serve a question, to say "slow down" (once per streak of refusals, with the wait
 * until the next token), or to drop it. Only questions for Gemini are counted; commands never reach it.
 * Remembers the most recent users only, so memory stays bounded.
 */
public final class UserRateLimiter {
    private static final int REMEMBERED_USERS = 100_000;

    public enum Kind { SERVE, WARN, DROP }

    /** @param retryAfter for {@link Kind#WARN} and {@link Kind#DROP}: how long until a question is served again */
    public record Verdict(Kind kind, Duration retryAfter) {
        static final Verdict SERVE = new Verdict(Kind.SERVE, Duration.ZERO);

        public Verdict {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    private record UserState(Bucket bucket, boolean warned) {
    }

    private final int messages;
    private final Duration period;
    private final Map<Long, UserState> users = new LruMap<>(REMEMBERED_USERS); // guarded by this

    /** @param messages questions per period; 0 serves everything */
    public UserRateLimiter(int messages, Duration period) {
        this.messages = messages;
        this.period = period;
    }

    public synchronized Verdict check(long userId) {
        if (messages == 0) {
            return Verdict.SERVE;
        }
        UserState state = users.computeIfAbsent(userId, id -> new UserState(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(messages).refillGreedy(messages, period).build())
                .build(), false));
        ConsumptionProbe probe = state.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            if (state.warned()) {
                users.put(userId, new UserState(state.bucket(), false));
            }
            return Verdict.SERVE;
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        if (state.warned()) {
            return new Verdict(Kind.DROP, wait);
        }
        users.put(userId, new UserState(state.bucket(), true));
        return new Verdict(Kind.WARN, wait);
    }
}
