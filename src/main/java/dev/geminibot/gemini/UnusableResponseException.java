package dev.geminibot.gemini;

import dev.langchain4j.exception.RetriableException;

/**
 * Gemini answered 200 with something that is not an answer (no candidates, no finish reason, no text): a
 * fault like a 5xx, worth another try. (A body that is not JSON at all needs no such wrapper: the client's
 * parse error has a Jackson {@code IOException} as its cause, which is retried as a network fault.)
 */
final class UnusableResponseException extends RetriableException {
    UnusableResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
