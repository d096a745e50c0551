package dev.geminibot.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Telegram Bot API. {@code apiUrl} has a scheme, a host and maybe a port, never a path,
 * because the Bot API client can only address a server root.
 */
public record TelegramSettings(String botToken, URI apiUrl, boolean rateLimit, int messagesPerSecond,
                               int chatMessagesPerSecond, int groupMessagesPerMinute, Duration retryBackoff) {
    public TelegramSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
    }

    /** Never prints the token: records are logged and shown in test failures. */
    @Override
    public String toString() {
        return "TelegramSettings[botToken=***, apiUrl=" + apiUrl + ", rateLimit=" + rateLimit + " (" + messagesPerSecond + "/s, " + chatMessagesPerSecond
                + "/s per chat, " + groupMessagesPerMinute + "/min per group)"
                + ", retryBackoff=" + retryBackoff + "]";
    }
}
