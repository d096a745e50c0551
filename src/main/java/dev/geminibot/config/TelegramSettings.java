package dev.geminibot.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Telegram Bot API. {@code apiUrl} has a scheme, a host and maybe a port, never a path,
 * because the Bot API client can only address a server root.
 *
 * @param retryBackoff the first wait before retrying a failed Bot API call; doubles with each further failure
 */
public record TelegramSettings(String botToken, URI apiUrl, Duration retryBackoff, FloodLimits floodLimits) {
    public TelegramSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(floodLimits, "floodLimits");
    }

    /**
     * Telegram's flood limits the bot paces its messages to.
     *
     * @param enabled false only for benchmarks against a fake server
     */
    public record FloodLimits(boolean enabled, int messagesPerSecond, int chatMessagesPerSecond,
                              int groupMessagesPerMinute) {
    }

    /** Never prints the token: records are logged and shown in test failures. */
    @Override
    public String toString() {
        return "TelegramSettings[botToken=***, apiUrl=" + apiUrl + ", rateLimit=" + floodLimits.enabled() + " ("
                + floodLimits.messagesPerSecond() + "/s, " + floodLimits.chatMessagesPerSecond()
                + "/s per chat, " + floodLimits.groupMessagesPerMinute() + "/min per group)"
                + ", retryBackoff=" + retryBackoff + "]";
    }
}
