package dev.geminibot.config;

/** A setting is missing or wrong; the message is one line that names it and says what is expected. */
public final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
