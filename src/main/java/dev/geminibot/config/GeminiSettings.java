package dev.geminibot.config;

import java.time.Duration;
import java.util.Objects;

/** How to reach Gemini and how hard to use it. */
public record GeminiSettings(String apiKey, String baseUrl, String model, int maxConcurrency, int maxQueue, Duration timeout,
                             int maxAttempts, Duration retryBackoff, Duration longestRetryDelay) {
    public GeminiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(longestRetryDelay, "longestRetryDelay");
    }

    /** Never prints the key: records are logged and shown in test failures. */
    @Override
    public String toString() {
        return "GeminiSettings[apiKey=***, baseUrl=" + baseUrl + ", model=" + model
                 + ", maxConcurrency=" + maxConcurrency + ", maxQueue=" + maxQueue + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts
                + ", retryBackoff=" + retryBackoff + ", longestRetryDelay=" + longestRetryDelay + "]";
    }
}
