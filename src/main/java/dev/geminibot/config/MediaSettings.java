package dev.geminibot.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bot takes photos, voice notes and documents.
 *
 * @param maxDownloadBytes the largest file downloaded from Telegram (the cloud Bot API's limit is 20 MB)
 * @param maxRequestBytes the most file bytes sent to Gemini in one request (inline, before base64)
 * @param memoryBytes the most file bytes held for requests in flight at once, all users together
 * @param cacheBytes how many bytes of recently downloaded files are kept for follow-up questions
 * @param albumWait how long after an album's last part the bot waits for more before answering
 */
public record MediaSettings(long maxDownloadBytes, long maxRequestBytes, long memoryBytes, long cacheBytes,
                            Duration albumWait) {
    public MediaSettings {
        Objects.requireNonNull(albumWait, "albumWait");
    }
}
