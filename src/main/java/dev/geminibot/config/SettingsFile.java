package dev.geminibot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.Optional;

/**
 * The operator's configuration file as read, with the name to quote in messages ({@code config/bot.conf} or the
 * path {@code BOT_CONFIG_FILE} gave). {@link #config()} is empty when there is no such file.
 */
record SettingsFile(String name, Config config) {
    static SettingsFile absent(String name) {
        return new SettingsFile(name, ConfigFactory.empty());
    }

    /** The line a setting is written on, if this file sets it. */
    Optional<Integer> lineOf(String path) {
        if (!config.hasPathOrNull(path)) {
            return Optional.empty();
        }
        int line = config.getValue(path).origin().lineNumber();
        return line > 0 ? Optional.of(line) : Optional.empty();
    }
}
