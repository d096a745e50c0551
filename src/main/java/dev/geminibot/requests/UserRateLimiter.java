package dev.geminibot.requests;

import dev.geminibot.support.LruMap;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;

/**
 * A token bucket per user (Bucket4j): {@code messages} per {@code period}, refilled continuously. Tells the
 * caller whether to serve a message, to say "slow down" (once per streak of refusals), or to drop it.
 * Remembers the most recent users only, so memory stays bounded.
 */
public final class UserRateLimiter {
    private static final int REMEMBERED_USERS = 100_000;

    public enum Verdict { SERVE, WARN, DROP }

    private record UserState(Bucket bucket, boolean warned) {
    }

    private final int messages;
    private final Duration period;
    private final Map<Long, UserState> users = new LruMap<>(REMEMBERED_USERS); // guarded by this

    /** @param messages messages per period; 0 serves everything */
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
        if (state.bucket().tryConsume(1)) {
            if (state.warned()) {
                users.put(userId, new UserState(state.bucket(), false));
            }
            return Verdict.SERVE;
        }
        if (state.warned()) {
            return Verdict.DROP;
        }
        users.put(userId, new UserState(state.bucket(), true));
        return Verdict.WARN;
    }
}
