package dev.geminibot.telegram.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundRateLimiterTest {
    private static final long PRIVATE_CHAT = 1001L;
    private static final long GROUP = -100123L;

    @Test
    void best_effort_calls_take_turns_but_always_leave_one_for_a_message() {
        OutboundRateLimiter limiter = OutboundRateLimiter.pacing(new OutboundRateLimiter.Limits(30, 1, 20));

        assertThat(limiter.tryAcquire(PRIVATE_CHAT)).isTrue();
        assertThat(limiter.tryAcquire(PRIVATE_CHAT)).isTrue();
        assertThat(limiter.tryAcquire(PRIVATE_CHAT)).isFalse(); // the last turn of the burst is kept for the answer
        assertThat(limiter.hasRoom(PRIVATE_CHAT)).isTrue();
        assertThat(limiter.tryAcquire(GROUP)).isTrue(); // chats are paced apart
    }

    @Test
    void unpaced_never_refuses() {
        OutboundRateLimiter limiter = OutboundRateLimiter.unpaced();

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(GROUP)).isTrue();
        }
    }
}
