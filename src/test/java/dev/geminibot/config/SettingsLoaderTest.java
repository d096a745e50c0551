package dev.geminibot.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThat(settings.bot().answers().rich()).isTrue();
        assertThat(settings.bot().answers().draftRefresh()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.bot().answers().groupLive()).isTrue();
    }

    @Test
    void the_answer_format_is_rich_or_html_in_any_case() {
        assertThat(new SettingsLoader(env("BOT_ANSWER_FORMAT", "HTML")).load().bot().answers().rich()).isFalse();
        assertThat(new SettingsLoader(env("BOT_ANSWER_FORMAT", "Rich")).load().bot().answers().rich()).isTrue();
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_ANSWER_FORMAT", "markdown")).load())
                .hasMessage("Invalid setting BOT_ANSWER_FORMAT (bot.answer-format): must be one of rich, html, got 'markdown'");
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
                .hasMessageStartingWith("GEMINI_API_KEY is empty");
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
                .hasMessageContaining("Unknown setting 'bot.memory-exchange'");
    }

    @Test
    void an_unknown_key_is_reported_with_its_line_and_the_setting_it_probably_meant() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "# mine\ngemini {\n  model = \"a\"\n  modle = \"b\"\n}\nbot.timeout = 5s\n");

        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .hasMessage("Unknown setting 'gemini.modle' in " + file + " line 4; did you mean gemini.model?"
                        + " (1 more unknown after it)");

        Files.writeString(file, "bot.timeout = 5s\n");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .hasMessage("Unknown setting 'bot.timeout' in " + file + " line 1; did you mean gemini.timeout?");

        Files.writeString(file, "colour = blue\n");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .hasMessage("Unknown setting 'colour' in " + file
                        + " line 1; the known settings are listed in the README's configuration table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini.timeout", "gemini.retry-backoff", "gemini.longest-retry-delay",
            "telegram.retry-backoff", "bot.rate-limit.period", "bot.conversation-expiry"})
    void a_duration_without_a_unit_stops_the_start_instead_of_meaning_milliseconds(String path) throws Exception {
        String variable = SettingsLoader.environmentName(path);
        assertThatThrownBy(() -> new SettingsLoader(env(variable, "60")).load())
                .hasMessage("Invalid setting " + variable + " (" + path + "): a duration needs a unit, e.g. 60s, 500ms or 2m,"
                        + " got '60'");

        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "\n" + path + " = 60\n");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .hasMessage("Invalid setting " + path + " in " + file + " line 2: a duration needs a unit,"
                        + " e.g. 60s, 500ms or 2m, got '60'");
    }

    @Test
    void durations_with_a_unit_are_read_as_written() {
        Settings settings = new SettingsLoader(env("GEMINI_TIMEOUT", "2m", "TELEGRAM_RETRY_BACKOFF", "250ms")).load();

        assertThat(settings.gemini().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.telegram().retryBackoff()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void a_number_beyond_the_largest_whole_number_is_called_too_large() {
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_MAX_CONCURRENCY", "99999999999")).load())
                .hasMessage("Invalid setting GEMINI_MAX_CONCURRENCY (gemini.max-concurrency): is too large:"
                        + " the maximum is 2147483647, got '99999999999'");
        assertThat(new SettingsLoader(env("BOT_MEMORY_EXCHANGES", "2147483647")).load().bot().memoryExchanges())
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_MAX_CONCURRENCY", "-99999999999")).load())
                .hasMessageContaining("must be a whole number >= 1");
        assertThatThrownBy(() -> new SettingsLoader(env("GEMINI_MAX_CONCURRENCY", "2.5")).load())
                .hasMessageContaining("must be a whole number >= 1, got '2.5'");
    }

    @Test
    void a_bad_value_in_the_file_is_reported_with_the_file_and_line_not_the_variable() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "bot {\n  streaming = true\n  memory-exchanges = three\n}\n");

        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString())).load())
                .hasMessage("Invalid setting bot.memory-exchanges in " + file + " line 3: must be a whole number >= 0,"
                        + " got 'three'");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString(), "BOT_MEMORY_EXCHANGES", "x")).load())
                .hasMessage("Invalid setting BOT_MEMORY_EXCHANGES (bot.memory-exchanges): must be a whole number >= 0,"
                        + " got 'x'");
    }

    @Test
    void an_empty_environment_variable_does_not_override_the_file() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "telegram.bot-token = \"9:from-file\"\ngemini.model = from-file\n");

        Settings settings = new SettingsLoader(env("BOT_CONFIG_FILE", file.toString(), "TELEGRAM_BOT_TOKEN", "",
                "GEMINI_MODEL", "", "BOT_MEMORY_EXCHANGES", "  ")).load();

        assertThat(settings.telegram().botToken()).isEqualTo("9:from-file");
        assertThat(settings.gemini().model()).isEqualTo("from-file");
        assertThat(settings.bot().memoryExchanges()).isEqualTo(3);
    }

    @Test
    void a_secret_left_empty_everywhere_says_the_variable_is_empty_and_where_to_set_it() throws Exception {
        Path file = dir.resolve("bot.conf");
        Files.writeString(file, "gemini.model = m\n");

        assertThatThrownBy(() -> new SettingsLoader(env("BOT_CONFIG_FILE", file.toString(), "TELEGRAM_BOT_TOKEN", "")).load())
                .hasMessage("TELEGRAM_BOT_TOKEN is empty: it must hold the token @BotFather gave you; set the variable"
                        + " (an empty one counts as unset) or telegram.bot-token in " + file);
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

    @Test
    void reads_the_operations_settings_admins_chats_limits_expiry_and_log_format() {
        Settings settings = new SettingsLoader(env("BOT_ADMIN_USERS", "7, 8", "BOT_ALLOWED_CHATS", "-1001234567890,-42",
                "BOT_DAILY_MESSAGES", "50", "BOT_DAILY_TOKENS", "", "BOT_CONVERSATION_EXPIRY", "12h",
                "BOT_LOG_FORMAT", "JSON", "GEMINI_CHECK_AT_START", "require")).load();

        assertThat(settings.bot().admission().adminUsers()).containsExactlyInAnyOrder(7L, 8L);
        assertThat(settings.bot().admission().allowedChats()).containsExactlyInAnyOrder(-1001234567890L, -42L);
        assertThat(settings.bot().dailyLimits()).isEqualTo(new BotSettings.DailyLimits(50, 0));
        assertThat(settings.bot().conversationExpiry()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(settings.bot().jsonLogs()).isTrue();
        assertThat(settings.gemini().checkAtStart()).isEqualTo(GeminiSettings.CheckAtStart.REQUIRE);
    }

    @Test
    void the_operations_settings_default_to_no_admins_every_group_no_limits_30_days_text_logs_and_a_warning_check() {
        Settings settings = new SettingsLoader(env()).load();

        assertThat(settings.bot().admission().adminUsers()).isEmpty();
        assertThat(settings.bot().admission().allowedChats()).isEmpty();
        assertThat(settings.bot().dailyLimits()).isEqualTo(new BotSettings.DailyLimits(0, 0));
        assertThat(settings.bot().conversationExpiry()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(settings.bot().jsonLogs()).isFalse();
        assertThat(settings.gemini().checkAtStart()).isEqualTo(GeminiSettings.CheckAtStart.WARN);
    }

    @Test
    void a_negative_daily_limit_or_a_chat_id_that_is_no_number_names_the_setting() {
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_DAILY_MESSAGES", "-1")).load())
                .hasMessage("Invalid setting BOT_DAILY_MESSAGES (bot.daily-messages): must be a whole number >= 0, got '-1'");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_ALLOWED_CHATS", "-100123,mygroup")).load())
                .hasMessage("Invalid setting BOT_ALLOWED_CHATS (bot.allowed-chats): must be comma-separated numeric"
                        + " Telegram chat ids (groups' are negative), got 'mygroup'");
        assertThatThrownBy(() -> new SettingsLoader(env("BOT_LOG_FORMAT", "xml")).load())
                .hasMessage("Invalid setting BOT_LOG_FORMAT (bot.log-format): must be one of text, json, got 'xml'");
    }

    @Test
    void every_setting_of_the_built_in_file_has_a_row_in_the_readmes_configuration_table() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        com.typesafe.config.Config defaults = com.typesafe.config.ConfigFactory.parseResources("bot.conf");

        assertThat(defaults.entrySet()).extracting(entry -> SettingsLoader.environmentName(entry.getKey()))
                .allSatisfy(variable -> assertThat(readme).contains("| `" + variable + "` |"));
    }
}
