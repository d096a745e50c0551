package dev.geminibot.requests;

import java.time.Duration;

/**
 * What the bot counts for the operator (a port; the Micrometer adapter in {@code metrics} implements it). Never
 * given a user's text, only kinds, outcomes and durations.
 */
public interface Metrics {
    /** Counts nothing: when no metrics are served. */
    Metrics NONE = new Metrics() {
        @Override
        public void handled(String kind, boolean done, Duration latency) {
        }

        @Override
        public void telegramCall(String method, String outcome) {
        }

        @Override
        public void telegramFloodWait(String method) {
        }
    };

    /**
     * A message was dealt with: {@code kind} as {@link RequestHandler#kind}; {@code done} false if its reply is
     * still owed (the bot is stopping, or Telegram could not be reached).
     */
    void handled(String kind, boolean done, Duration latency);

    /** One Bot API call: {@code outcome} is "ok", the error code, or a short word for a network failure. */
    void telegramCall(String method, String outcome);

    /** Telegram asked us to wait ({@code 429 retry_after}) before calling {@code method} again. */
    void telegramFloodWait(String method);

    /** A question was not answered because its sender used up a daily limit ({@code messages} or {@code tokens}). */
    default void dailyLimitReached(String limit) {
    }

    /** Failed Gemini and Telegram calls since the start, by kind ({@code gemini RateLimitException}), for /stats. */
    default java.util.Map<String, Long> errorsByKind() {
        return java.util.Map.of();
    }
}
