package dev.geminibot.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOT_HTTP_PORT and BOT_HTTP_HOST: the health and metrics server is off unless a port is set. */
class HttpSettingsTest {
    private static Settings load(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", "1:secret", "GEMINI_API_KEY", "key",
                "BOT_CONFIG_FILE", "config/bot.conf"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new SettingsLoader(env).load();
    }

    @Test
    void no_http_server_by_default_and_loopback_when_one_is_asked_for() {
        assertThat(load().bot().http()).isEqualTo(new BotSettings.Http("127.0.0.1", OptionalInt.empty()));
        assertThat(load("BOT_HTTP_PORT", "8080", "BOT_HTTP_HOST", "0.0.0.0").bot().http())
                .isEqualTo(new BotSettings.Http("0.0.0.0", OptionalInt.of(8080)));
    }

    @Test
    void a_port_that_is_no_port_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> load("BOT_HTTP_PORT", "eighty")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("BOT_HTTP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> load("BOT_HTTP_PORT", "70000")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("BOT_HTTP_PORT");
    }

    @Test
    void the_start_up_summary_names_the_http_settings_and_masks_the_secrets() {
        assertThat(SettingsSummary.of(load("BOT_HTTP_PORT", "9000")))
                .contains("bot.http-host=127.0.0.1", "bot.http-port=9000", "telegram.bot-token=***", "gemini.api-key=***")
                .doesNotContain("1:secret");
    }
}
