package dev.geminibot.telegram.outbound;

import dev.geminibot.support.LruMap;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * Paces outgoing messages inside Telegram's flood limits instead of provoking 429s: about
 * {@code perSecond} messages a second overall, {@code perChatPerSecond} a second per chat with a short burst,
 * and {@code perGroupPerMinute} a minute per group. Each limit is a Bucket4j token bucket whose burst plus
 * refill never exceeds the limit in any window of its length. Callers (virtual threads) wait their turn:
 * first for their chat, then for the global bucket, so one busy chat never holds tokens others could use.
 */
public final class OutboundRateLimiter {
    private static final int CHAT_BURST = 3;
    private static final int REMEMBERED_CHATS = 50_000;

    private final boolean enabled;
    private final int perChatPerSecond;
    private final int perGroupPerMinute;
    private final Bucket global;
    private final Map<Long, Bucket> chats = new LruMap<>(REMEMBERED_CHATS); // guarded by this

    /** Telegram's limits: messages a second overall, a second per chat, a minute per group. */
    public record Limits(int perSecond, int perChatPerSecond, int perGroupPerMinute) {
        public Limits {
            if (perSecond < 1 || perChatPerSecond < 1 || perGroupPerMinute < 1) {
                throw new IllegalArgumentException("flood limits must be at least 1: " + this);
            }
        }
    }

    private OutboundRateLimiter(boolean enabled, Limits limits) {
        this.enabled = enabled;
        this.perChatPerSecond = limits.perChatPerSecond();
        this.perGroupPerMinute = limits.perGroupPerMinute();
        int perSecond = limits.perSecond();
        this.global = Bucket.builder().addLimit(within(perSecond, Duration.ofSeconds(1), Math.max(1, perSecond / 8))).build();
    }

    /** Paces messages inside {@code limits}. */
    public static OutboundRateLimiter pacing(Limits limits) {
        return new OutboundRateLimiter(true, limits);
    }

    /** Sends at once, whatever the rate: only for benchmarks against a fake server. */
    public static OutboundRateLimiter unpaced() {
        return new OutboundRateLimiter(false, new Limits(1, 1, 1));
    }

    /** Waits until a message may be sent to {@code chatId} (negative ids are groups). */
    public void acquire(long chatId) throws InterruptedException {
        if (!enabled) {
            return;
        }
        chatBucket(chatId).asBlocking().consume(1);
        global.asBlocking().consume(1);
    }

    /**
     * Takes a message's turn for {@code chatId} if one is free right now and another stays free for a message,
     * without waiting: for best-effort calls that Telegram counts like messages (drafts, live edits), which so
     * never make an answer wait for them. Returns whether it took one.
     */
    public boolean tryAcquire(long chatId) {
        if (!enabled) {
            return true;
        }
        Bucket chat = chatBucket(chatId);
        if (chat.getAvailableTokens() < 2 || !chat.tryConsume(1)) {
            return false;
        }
        if (!global.tryConsume(1)) {
            chat.addTokens(1); // not sent after all: give the chat its turn back
            return false;
        }
        return true;
    }

    /**
     * Whether a message to {@code chatId} could go out now without waiting. Takes nothing: best-effort calls
     * (typing, drafts) check this so that they never take a message's turn.
     */
    public boolean hasRoom(long chatId) {
        return !enabled || chatBucket(chatId).getAvailableTokens() > 0 && global.getAvailableTokens() > 0;
    }

    private synchronized Bucket chatBucket(long chatId) {
        return chats.computeIfAbsent(chatId, id -> {
            LocalBucketBuilder bucket = Bucket.builder()
                    .addLimit(within(perChatPerSecond + CHAT_BURST, Duration.ofSeconds(1), CHAT_BURST));
            if (id < 0) {
                bucket.addLimit(within(perGroupPerMinute, Duration.ofMinutes(1), Math.min(CHAT_BURST, perGroupPerMinute)));
            }
            return bucket.build();
        });
    }

    /**
     * At most {@code limit} per {@code window} in any window: a burst of {@code burst}, the rest refilled evenly,
     * keeping 20 % in hand because requests granted evenly still reach Telegram bunched by network and load.
     */
    private static Bandwidth within(int limit, Duration window, int burst) {
        int safeLimit = Math.max(1, limit - Math.max(1, limit / 5));
        int refill = Math.max(1, safeLimit - burst);
        return Bandwidth.builder().capacity(Math.max(1, burst)).refillGreedy(refill, window).build();
    }
}
