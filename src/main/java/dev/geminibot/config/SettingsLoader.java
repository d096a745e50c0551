package dev.geminibot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@link Settings} from three layers, highest first: environment variables, the operator's file
 * ({@code BOT_CONFIG_FILE}, else {@code config/bot.conf} when present), and the defaults built into the jar
 * (the same commented file). An empty environment variable counts as unset. Every failure is an
 * {@link InvalidSettingException} with one line that names the setting and where its value came from.
 */
public final class SettingsLoader {
    /** Environment variable naming the operator's file; it cannot live in the file itself. */
    public static final String CONFIG_FILE_VARIABLE = "BOT_CONFIG_FILE";
    private static final Path DEFAULT_CONFIG_FILE = Path.of("config", "bot.conf");
    private static final String DEFAULTS_RESOURCE = "bot.conf";

    private final Map<String, String> environment;

    public SettingsLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Settings load() {
        Config defaults = ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        SettingsFile file = operatorFile();
        rejectUnknownKeys(file, defaults);
        Map<String, String> overrides = new HashMap<>();
        Set<String> emptyVariables = new HashSet<>();
        defaults.entrySet().forEach(entry -> {
            String value = environment.get(environmentName(entry.getKey()));
            if (value == null) {
                return;
            }
            // docker compose passes `NAME=` from .env as an empty variable: it must not blank out the file
            if (value.isBlank()) {
                emptyVariables.add(entry.getKey());
            } else {
                overrides.put(entry.getKey(), value);
            }
        });
        Config config = ConfigFactory.parseMap(overrides, "environment variables")
                .withFallback(file.config()).withFallback(defaults);
        try {
            return read(new SettingValues(config.resolve(), overrides.keySet(), emptyVariables, file));
        } catch (ConfigException e) {
            throw new InvalidSettingException(oneLine(e.getMessage()));
        }
    }

    /** The environment variable that overrides a setting: {@code gemini.max-concurrency -> GEMINI_MAX_CONCURRENCY}. */
    public static String environmentName(String path) {
        return path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private SettingsFile operatorFile() {
        String named = environment.get(CONFIG_FILE_VARIABLE);
        Path path = named == null || named.isBlank() ? DEFAULT_CONFIG_FILE : Path.of(named);
        if (!Files.isRegularFile(path)) {
            if (named != null && !named.isBlank()) {
                throw new InvalidSettingException(CONFIG_FILE_VARIABLE + " names " + path + ", which is not a readable file");
            }
            return SettingsFile.absent(path.toString());
        }
        try {
            return new SettingsFile(path.toString(),
                    ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
        } catch (ConfigException e) {
            throw new InvalidSettingException("Cannot read " + path + ": " + oneLine(e.getMessage()));
        }
    }

    /** Stops at the first unknown key of the file (by line), with the known setting it was probably meant to be. */
    private static void rejectUnknownKeys(SettingsFile file, Config defaults) {
        Set<String> known = new TreeSet<>();
        defaults.entrySet().forEach(entry -> known.add(entry.getKey()));
        List<String> unknown = file.config().entrySet().stream()
                .map(Map.Entry::getKey)
                .filter(key -> !defaults.hasPathOrNull(key))
                .sorted(Comparator.comparing((String key) -> file.lineOf(key).orElse(0)).thenComparing(key -> key))
                .toList();
        if (unknown.isEmpty()) {
            return;
        }
        String first = unknown.get(0);
        String line = file.lineOf(first).map(number -> " line " + number).orElse("");
        String hint = ClosestName.of(first, known).map(name -> "; did you mean " + name + "?")
                .orElse("; the known settings are listed in the README's configuration table");
        String more = unknown.size() > 1 ? " (" + (unknown.size() - 1) + " more unknown after it)" : "";
        throw new InvalidSettingException("Unknown setting '" + first + "' in " + file.name() + line + hint + more);
    }

    private static Settings read(SettingValues values) {
        TelegramSettings telegram = new TelegramSettings(
                values.required("telegram.bot-token", "the token @BotFather gave you"),
                values.telegramUrl("telegram.api-url"),
                values.positiveDuration("telegram.retry-backoff"),
                new TelegramSettings.FloodLimits(
                        values.bool("telegram.rate-limit"),
                        values.intAtLeast("telegram.messages-per-second", 1),
                        values.intAtLeast("telegram.chat-messages-per-second", 1),
                        values.intAtLeast("telegram.group-messages-per-minute", 1)));
        GeminiSettings gemini = new GeminiSettings(
                values.required("gemini.api-key", "an API key from Google AI Studio"),
                values.httpUrl("gemini.base-url").toString().replaceAll("/+$", ""),
                values.nonBlank("gemini.model"),
                values.positiveDuration("gemini.timeout"),
                values.positiveDuration("gemini.max-answer-time"),
                new GeminiSettings.Load(
                        values.intAtLeast("gemini.max-concurrency", 1),
                        values.intAtLeast("gemini.max-queue", 0)),
                new GeminiSettings.Retries(
                        values.intAtLeast("gemini.max-attempts", 1),
                        values.positiveDuration("gemini.retry-backoff"),
                        values.positiveDuration("gemini.longest-retry-delay")),
                GeminiSettings.CheckAtStart.valueOf(values.oneOf("gemini.check-at-start",
                        GeminiSettings.CheckAtStart.names()).toUpperCase(Locale.ROOT)));
        BotSettings bot = new BotSettings(
                Path.of(values.nonBlank("bot.data-dir")),
                values.intAtLeast("bot.memory-exchanges", 0),
                values.bool("bot.streaming"),
                values.nonBlank("bot.system-instruction"),
                new BotSettings.Admission(
                        values.userIds("bot.allowed-users"),
                        values.intAtLeast("bot.max-question-length", 1),
                        values.intAtLeast("bot.rate-limit.messages", 0),
                        values.positiveDuration("bot.rate-limit.period"),
                        values.userIds("bot.admin-users"),
                        values.chatIds("bot.allowed-chats")),
                new BotSettings.Http(values.nonBlank("bot.http-host"), values.optionalPort("bot.http-port")),
                values.positiveDuration("bot.summary-interval"),
                new BotSettings.Answers(values.oneOf("bot.answer-format", List.of("rich", "html")).equals("rich"),
                        values.positiveDuration("bot.draft-refresh"), values.bool("bot.group-live-answers")),
                new BotSettings.DailyLimits(values.optionalLimit("bot.daily-messages"),
                        values.optionalLimit("bot.daily-tokens")),
                values.positiveDuration("bot.conversation-expiry"),
                values.oneOf("bot.log-format", List.of("text", "json")).equals("json"));
        MediaSettings media = new MediaSettings(
                megabytes(values.intAtLeast("media.max-download-mb", 1)),
                megabytes(values.intAtLeast("media.max-request-mb", 1)),
                megabytes(values.intAtLeast("media.memory-mb", 1)),
                megabytes(values.intAtLeast("media.cache-mb", 0)),
                values.positiveDuration("media.album-wait"));
        return new Settings(telegram, gemini, bot, media);
    }

    private static long megabytes(int megabytes) {
        return megabytes * 1024L * 1024L;
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
