package dev.geminibot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What the bot remembers, for whom, and how it talks.
 *
 * @param allowedUsers Telegram user ids allowed to use the bot; empty means everyone
 */
public record BotSettings(Path dataDir, int memoryExchanges, Set<Long> allowedUsers, boolean streaming,
                          String systemInstruction) {
    public BotSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(systemInstruction, "systemInstruction");
    }
}
