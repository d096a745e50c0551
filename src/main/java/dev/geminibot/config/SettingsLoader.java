package dev.geminibot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads {@link Settings} from three layers, highest first: environment variables, the operator's file
 * ({@code BOT_CONFIG_FILE}, else {@code config/bot.conf} when present), and the defaults built into the jar
 * (the same commented file). Every failure is an {@link InvalidSettingException} with one line that names
 * the setting.
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
        Config file = operatorFile();
        rejectUnknownKeys(file, defaults);
        Config config = fromEnvironment(defaults).withFallback(file).withFallback(defaults);
        try {
            return read(config.resolve());
        } catch (ConfigException e) {
            throw new InvalidSettingException(oneLine(e.getMessage()));
        }
    }

    /** The environment variable that overrides a setting: {@code gemini.max-concurrency -> GEMINI_MAX_CONCURRENCY}. */
    public static String environmentName(String path) {
        return path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private Config operatorFile() {
        String named = environment.get(CONFIG_FILE_VARIABLE);
        Path path = named == null || named.isBlank() ? DEFAULT_CONFIG_FILE : Path.of(named);
        if (!Files.isRegularFile(path)) {
            if (named != null && !named.isBlank()) {
                throw new InvalidSettingException(CONFIG_FILE_VARIABLE + " names " + path + ", which is not a readable file");
            }
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new InvalidSettingException("Cannot read " + path + ": " + oneLine(e.getMessage()));
        }
    }

    private static void rejectUnknownKeys(Config file, Config defaults) {
        Set<String> unknown = new TreeSet<>();
        file.entrySet().forEach(entry -> {
            if (!defaults.hasPathOrNull(entry.getKey())) {
                unknown.add(entry.getKey());
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidSettingException("Unknown setting " + String.join(", ", unknown)
                    + " in " + file.origin().description() + " (see config/bot.conf for the known ones)");
        }
    }

    private Config fromEnvironment(Config defaults) {
        Map<String, String> overrides = new HashMap<>();
        defaults.entrySet().forEach(entry -> {
            String value = environment.get(environmentName(entry.getKey()));
            if (value != null) {
                overrides.put(entry.getKey(), value);
            }
        });
        return ConfigFactory.parseMap(overrides, "environment variables");
    }

    private static Settings read(Config config) {
        TelegramSettings telegram = new TelegramSettings(
                required(config, "telegram.bot-token", "the token @BotFather gave you"),
                telegramUrl(config, "telegram.api-url"),
                positiveDuration(config, "telegram.retry-backoff"),
                new TelegramSettings.FloodLimits(
                        bool(config, "telegram.rate-limit"),
                        intAtLeast(config, "telegram.messages-per-second", 1),
                        intAtLeast(config, "telegram.chat-messages-per-second", 1),
                        intAtLeast(config, "telegram.group-messages-per-minute", 1)));
        GeminiSettings gemini = new GeminiSettings(
                required(config, "gemini.api-key", "an API key from Google AI Studio"),
                httpUrl(config, "gemini.base-url").toString().replaceAll("/+$", ""),
                nonBlank(config, "gemini.model"),
                positiveDuration(config, "gemini.timeout"),
                new GeminiSettings.Load(
                        intAtLeast(config, "gemini.max-concurrency", 1),
                        intAtLeast(config, "gemini.max-queue", 0)),
                new GeminiSettings.Retries(
                        intAtLeast(config, "gemini.max-attempts", 1),
                        positiveDuration(config, "gemini.retry-backoff"),
                        positiveDuration(config, "gemini.longest-retry-delay")));
        BotSettings bot = new BotSettings(
                Path.of(nonBlank(config, "bot.data-dir")),
                intAtLeast(config, "bot.memory-exchanges", 0),
                bool(config, "bot.streaming"),
                nonBlank(config, "bot.system-instruction"),
                new BotSettings.Admission(
                        userIds(config, "bot.allowed-users"),
                        intAtLeast(config, "bot.max-question-length", 1),
                        intAtLeast(config, "bot.rate-limit.messages", 0),
                        positiveDuration(config, "bot.rate-limit.period")),
                new BotSettings.Http(nonBlank(config, "bot.http-host"), optionalPort(config, "bot.http-port")),
                positiveDuration(config, "bot.summary-interval"));
        return new Settings(telegram, gemini, bot);
    }

    private static String required(Config config, String path, String what) {
        String value = config.getString(path).trim();
        if (value.isEmpty()) {
            throw new InvalidSettingException(environmentName(path) + " is not set: it must hold " + what);
        }
        return value;
    }

    private static String nonBlank(Config config, String path) {
        String value = config.getString(path).trim();
        if (value.isEmpty()) {
            throw invalid(path, "must not be empty", value);
        }
        return value;
    }

    private static OptionalInt optionalPort(Config config, String path) {
        String raw = config.getString(path).trim();
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(path, "must be a port number 0-65535, or empty for none", raw);
    }

    private static boolean bool(Config config, String path) {
        return typed(config, path, "must be true or false", config::getBoolean);
    }

    private static int intAtLeast(Config config, String path, int minimum) {
        int value = typed(config, path, "must be a whole number >= " + minimum, config::getInt);
        if (value < minimum) {
            throw invalid(path, "must be a whole number >= " + minimum, String.valueOf(value));
        }
        return value;
    }

    private static Duration positiveDuration(Config config, String path) {
        Duration value = typed(config, path, "must be a duration such as 30s or 2m", config::getDuration);
        if (value.isNegative() || value.isZero()) {
            throw invalid(path, "must be longer than zero", value.toString());
        }
        return value;
    }

    private static URI httpUrl(Config config, String path) {
        String raw = config.getString(path).trim();
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid(path, "must be an http(s) URL", raw);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(path, "must be an http(s) URL", raw);
        }
    }

    private static URI telegramUrl(Config config, String path) {
        URI uri = httpUrl(config, path);
        String urlPath = uri.getPath();
        if ((urlPath != null && !urlPath.isEmpty() && !urlPath.equals("/")) || uri.getQuery() != null) {
            throw invalid(path, "must be a server root such as https://api.telegram.org (no path)", uri.toString());
        }
        return uri;
    }

    private static Set<Long> userIds(Config config, String path) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : config.getString(path).split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw invalid(path, "must be comma-separated numeric Telegram user ids", id);
            }
        }
        return ids;
    }

    private static <T> T typed(Config config, String path, String expectation, Function<String, T> getter) {
        try {
            return getter.apply(path);
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw invalid(path, expectation, config.getValue(path).unwrapped().toString());
        }
    }

    private static InvalidSettingException invalid(String path, String expectation, String value) {
        return new InvalidSettingException("Invalid setting " + environmentName(path) + " (" + path + "): "
                + expectation + ", got '" + value + "'");
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
