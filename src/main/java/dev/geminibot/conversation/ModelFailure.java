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
import java.io.UncheckedIOException;

/**
 * Why the model gave no answer, grouped by what the user can do about it. This is the one place that sorts
 * model errors; the words for the user are the bot's texts ({@code failure.*} phrases).
 */
public enum ModelFailure {
    /** Quota or rate limit reached: try again in a little while. */
    BUSY,
    /** Server error, timeout or network trouble: try again later. */
    UNAVAILABLE,
    /** The model declined (safety, recitation, blocked prompt) or answered nothing: rephrase. */
    DECLINED,
    /** The answer would show the user nothing (only spaces, empty formatting): rephrase. */
    EMPTY,
    /** The request was refused for a reason only the operator can fix (key, model name, quota tier). */
    MISCONFIGURED,
    /** Anything else: our fault. */
    UNEXPECTED;

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
