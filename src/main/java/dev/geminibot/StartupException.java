package dev.geminibot;

/** The bot cannot start; the message is one line telling the operator what to fix. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
