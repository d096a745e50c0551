package dev.geminibot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the bot remembers, for whom, and how it talks.
 *
 * @param allowedUsers Telegram user ids allowed to use the bot; empty means everyone
 * @param rateLimitMessages messages each user may send per {@code rateLimitPeriod}; 0 = no limit
 */
public record BotSettings(Path dataDir, int memoryExchanges, Set<Long> allowedUsers, boolean streaming,
                          String systemInstruction, int maxQuestionLength, int rateLimitMessages,
                          Duration rateLimitPeriod) {
    public BotSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(systemInstruction, "systemInstruction");
        Objects.requireNonNull(rateLimitPeriod, "rateLimitPeriod");
    }
}
