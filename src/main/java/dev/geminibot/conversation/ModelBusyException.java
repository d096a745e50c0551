package dev.geminibot.conversation;

import dev.langchain4j.exception.RateLimitException;

import java.time.Duration;
import java.util.Optional;

/** The model is over its quota; {@link #retryAfter()} says when it expects to take requests again, if it said. */
public class ModelBusyException extends RateLimitException {
    private final Duration retryAfter;

    public ModelBusyException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
