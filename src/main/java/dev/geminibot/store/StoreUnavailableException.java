package dev.geminibot.store;

/** The conversation store cannot be opened; the message says why in one line, for the operator. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
