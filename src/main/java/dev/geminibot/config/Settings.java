package dev.geminibot.config;

import java.util.Objects;

/** Everything the bot is configured with, validated: the one object that {@code App} wires from. */
public record Settings(TelegramSettings telegram, GeminiSettings gemini, BotSettings bot, MediaSettings media) {
    public Settings {
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(gemini, "gemini");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(media, "media");
    }
}
