package dev.geminibot.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Gemini and how hard to use it.
 *
 * @param timeout the time limit for one whole response, body included, and for the first text of a streamed one;
 *     retries and the fallback from streaming happen only within it
 * @param maxAnswerTime the time limit for a streamed answer that is flowing
 * @param checkAtStart what a start does when the key and model cannot be checked because Gemini is unreachable
 */
public record GeminiSettings(String apiKey, String baseUrl, String model, Duration timeout, Duration maxAnswerTime,
                             Load load, Retries retries, CheckAtStart checkAtStart) {
    public GeminiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxAnswerTime, "maxAnswerTime");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(checkAtStart, "checkAtStart");
    }

    /**
     * The start-up check of key and model ({@code models.get}). A rejected key or an unknown model always stops
     * the start; this says what an unreachable Gemini does.
     */
    public enum CheckAtStart {
        /** Unreachable: the start stops. */
        REQUIRE,
        /** Unreachable: the bot starts with a WARN. */
        WARN,
        /** No check. */
        OFF;

        /** The names a setting may use. */
        public static java.util.List<String> names() {
            return java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
        }
    }

    /**
     * @param maxConcurrency requests in flight at once; more wait their turn in arrival order
     * @param maxQueue requests that may wait; beyond that users are told "busy" at once
     */
    public record Load(int maxConcurrency, int maxQueue) {
    }

    /**
     * @param maxAttempts tries per request, the first included
     * @param backoff the first wait after a 5xx, timeout or network error; doubles each time
     * @param longestRetryDelay the longest RetryInfo delay worth waiting for
     */
    public record Retries(int maxAttempts, Duration backoff, Duration longestRetryDelay) {
        public Retries {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(longestRetryDelay, "longestRetryDelay");
        }
    }

    /** Never prints the key: records are logged and shown in test failures. */
    @Override
    public String toString() {
        return "GeminiSettings[apiKey=***, baseUrl=" + baseUrl + ", model=" + model
                + ", maxConcurrency=" + load.maxConcurrency() + ", maxQueue=" + load.maxQueue() + ", timeout=" + timeout + ", maxAnswerTime=" + maxAnswerTime
                + ", maxAttempts=" + retries.maxAttempts() + ", retryBackoff=" + retries.backoff()
                + ", longestRetryDelay=" + retries.longestRetryDelay() + ", checkAtStart=" + checkAtStart + "]";
    }
}
