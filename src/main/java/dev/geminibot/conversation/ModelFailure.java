package dev.geminibot.conversation;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.io.UncheckedIOException;

/**
 * Why the model gave no answer, grouped by what the user can do about it. This is the one place that turns
 * model errors into words for the user.
 */
public enum ModelFailure {
    /** Quota or rate limit reached: try again in a little while. */
    BUSY("Gemini is busy right now. Please try again in a minute."),
    /** Server error, timeout or network trouble: try again later. */
    UNAVAILABLE("Gemini is unavailable right now. Please try again in a little while."),
    /** The model declined (safety, recitation, blocked prompt) or answered nothing: rephrase. */
    DECLINED("Gemini declined to answer that. Please rephrase your message."),
    /** The answer would show the user nothing (only spaces, empty formatting): rephrase. */
    EMPTY("Gemini answered with an empty message. Please rephrase your question."),
    /** The request was refused for a reason only the operator can fix (key, model name, quota tier). */
    MISCONFIGURED("I can't reach Gemini because of a problem on my side. The operator has been told."),
    /** Anything else: our fault. */
    UNEXPECTED("Something went wrong on my side. Please try again.");

    private final String userMessage;

    ModelFailure(String userMessage) {
        this.userMessage = userMessage;
    }

    /** A short sentence for the user; never contains details of the error. */
    public String userMessage() {
        return userMessage;
    }

    /** The sentence, saying when to try again if the model told us. */
    public String userMessage(Optional<Duration> retryAfter) {
        if (this != BUSY || retryAfter.isEmpty()) {
            return userMessage;
        }
        long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
        return "Gemini is busy right now. Please try again in " + (seconds < 90
                ? seconds + " second" + (seconds == 1 ? "" : "s") : Math.round(seconds / 60.0) + " minutes") + ".";
    }

    /** Classifies an exception thrown while asking the model. */
    public static ModelFailure of(Throwable error) {
        return switch (error) {
            case RateLimitException e -> BUSY;
            case TimeoutException e -> UNAVAILABLE;
            case ContentFilteredException e -> DECLINED;
            case UnresolvedModelServerException e -> UNAVAILABLE;
            case AuthenticationException e -> MISCONFIGURED;
            case ModelNotFoundException e -> MISCONFIGURED;
            case InvalidRequestException e -> MISCONFIGURED;
            case RetriableException e -> UNAVAILABLE;
            case HttpException e -> e.statusCode() >= 500 ? UNAVAILABLE : MISCONFIGURED;
            case UncheckedIOException e -> UNAVAILABLE;
            case IOException e -> UNAVAILABLE;
            default -> error.getCause() != null && error.getCause() != error ? of(error.getCause()) : UNEXPECTED;
        };
    }
}
