package dev.geminibot.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", "1:secret", "GEMINI_API_KEY", "key"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaults_match_the_launch_contract() {
        Settings settings = new SettingsLoader(env()).load();

        assertThat(settings.telegram().apiUrl()).hasToString("https://api.telegram.org");
        assertThat(settings.telegram().floodLimits().enabled()).isTrue();
        assertThat(settings.gemini().baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
        assertThat(settings.gemini().model()).isEqualTo("gemini-2.5-flash");
        assertThat(settings.gemini().load().maxConcurrency()).isGreaterThanOrEqualTo(200);
        assertThat(settings.bot().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(settings.bot().memoryExchanges()).isEqualTo(3);
        assertThat(settings.bot().admission().allowedUsers()).isEmpty();
        assertThat(settings.bot().streaming()).isTrue();
    }

    @Test
    void environment_overrides_the_file_which_overrides_the_defaults() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "gemini { model = \"from-file\", timeout = 5s }\nbot.memory-exchanges = 7\n");

        Settings settings = new SettingsLoader(env("BOT_CONFIG_FILE", file.toString(), "BOT_MEMORY_EXCHANGES", "2",
                "BOT_ALLOWED_USERS", " 1, -2 ,3", "TELEGRAM_API_URL", "http://127.0.0.1:8081")).load();

        assertThat(settings.gemini().model()).isEqualTo("from-file");
        assertThat(settings.gemini().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.bot().memoryExchanges()).isEqualTo(2);
        assertThat(settings.bot().admission().allowedUsers()).isEqualTo(Set.of(1L, -2L, 3L));
        assertThat(settings.telegram().apiUrl()).hasToString("http://127.0.0.1:8081");
    }

    @Test
    void missing_secrets_and_invalid_values_fail_with_one_line_naming_the_setting() {
        assertThatThrownBy(() -> new SettingsLoader(Map.of("GEMINI_API_KEY", "k")).load())
                .hasMessage("TELEGRAM_BOT_TOKEN is not set: it must hold the token @BotFather gave you");
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_API_KEY", " ")).load())
                .hasMessageStartingWith("GEMINI_API_KEY is not set");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_MEMORY_EXCHANGES", "three")).load())
                .hasMessage("Invalid setting BOT_MEMORY_EXCHANGES (bot.memory-exchanges): must be a whole number >= 0, got 'three'");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_ALLOWED_USERS", "1,@bob")).load())
                .hasMessageContaining("BOT_ALLOWED_USERS").hasMessageContaining("'@bob'");
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_MAX_CONCURRENCY", "0")).load())
                .hasMessageContaining("GEMINI_MAX_CONCURRENCY");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_STREAMING", "maybe")).load())
                .hasMessageContaining("BOT_STREAMING").hasMessageContaining("true or false");
        assertThatThrownBy(() -> new SettingsLoader(env("TELEGRAM_API_URL", "https://proxy.example/tg")).load())
                .hasMessageContaining("TELEGRAM_API_URL").hasMessageContaining("no path");
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_BASE_URL", "ftp://x")).load())
                .hasMessageContaining("GEMINI_BASE_URL");
    }

    @Test
    void unknown_keys_in_the_file_stop_the_start() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "bot { memory-exchange = 3 }\n");

        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Unknown setting bot.memory-exchange");
    }

    @Test
    void secrets_never_appear_in_printed_settings() {
        Settings settings = new SettingsLoader(env()).load();
        assertThat(settings.toString()).doesNotContain("1:secret").doesNotContain("key,").contains("***");
    }

    @Test
    void environment_names_follow_the_path() {
        assertThat(SettingsLoader.environmentName("gemini.max-concurrency")).isEqualTo("GEMINI_MAX_CONCURRENCY");
    }
}
