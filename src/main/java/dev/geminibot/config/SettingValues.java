package dev.geminibot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reads of the merged settings. A value that does not fit becomes an {@link InvalidSettingException}
 * naming where it came from: the environment variable ({@code GEMINI_TIMEOUT (gemini.timeout)}) or the line of
 * the operator's file ({@code gemini.timeout in config/bot.conf line 12}).
 */
final class SettingValues {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    private static final Pattern UNITLESS_NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Config config;
    private final Set<String> fromEnvironment;
    private final Set<String> emptyVariables;
    private final SettingsFile file;

    /**
     * @param fromEnvironment the paths whose value an environment variable gave
     * @param emptyVariables the paths whose environment variable is set but empty, and so was ignored
     * @param file the operator's file the other values may come from
     */
    SettingValues(Config config, Set<String> fromEnvironment, Set<String> emptyVariables, SettingsFile file) {
        this.config = config;
        this.fromEnvironment = Set.copyOf(fromEnvironment);
        this.emptyVariables = Set.copyOf(emptyVariables);
        this.file = file;
    }

    /** A secret. Missing, it is an error; an empty variable (docker compose passes them) also says where to set it. */
    String required(String path, String what) {
        String value = config.getString(path).trim();
        if (!value.isEmpty()) {
            return value;
        }
        String variable = SettingsLoader.environmentName(path);
        if (emptyVariables.contains(path)) {
            throw new InvalidSettingException(variable + " is empty: it must hold " + what + "; set the variable"
                    + " (an empty one counts as unset) or " + path + " in " + file.name());
        }
        throw new InvalidSettingException(variable + " is not set: it must hold " + what);
    }

    String nonBlank(String path) {
        String value = config.getString(path).trim();
        if (value.isEmpty()) {
            throw invalid(path, "must not be empty", value);
        }
        return value;
    }

    /** One of {@code allowed} (case-insensitive), in lower case. */
    String oneOf(String path, List<String> allowed) {
        String value = raw(path).toLowerCase(Locale.ROOT);
        if (!isScalar(path) || !allowed.contains(value)) {
            throw invalid(path, "must be one of " + String.join(", ", allowed), raw(path));
        }
        return value;
    }

    boolean bool(String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw invalid(path, "must be true or false", raw(path));
        }
    }

    int intAtLeast(String path, int minimum) {
        String text = raw(path);
        if (!isScalar(path) || !WHOLE_NUMBER.matcher(text).matches()) {
            throw invalid(path, "must be a whole number >= " + minimum, text);
        }
        BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        if (value.compareTo(BigInteger.valueOf(minimum)) < 0) {
            throw invalid(path, "must be a whole number >= " + minimum, text);
        }
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid(path, "is too large: the maximum is " + Integer.MAX_VALUE, text);
        }
        return value.intValue();
    }

    /** A whole number >= 0 where empty (or 0) means "no limit": 0 is returned for both. */
    int optionalLimit(String path) {
        String text = raw(path);
        return text.isEmpty() ? 0 : intAtLeast(path, 0);
    }

    /** A TCP port 0-65535 (0: any free one), or empty for none. */
    OptionalInt optionalPort(String path) {
        String text = raw(path).trim();
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(path, "must be a port number 0-65535, or empty for none", text);
    }

    Duration positiveDuration(String path) {
        String text = raw(path);
        // the library would read a bare number as milliseconds: GEMINI_TIMEOUT=60 would be 60 ms
        if (UNITLESS_NUMBER.matcher(text).matches()) {
            throw invalid(path, "a duration needs a unit, e.g. 60s, 500ms or 2m", text);
        }
        Duration value;
        try {
            value = config.getDuration(path);
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw invalid(path, "must be a duration such as 60s, 500ms or 2m", text);
        }
        if (value.isNegative() || value.isZero()) {
            throw invalid(path, "must be longer than zero", text);
        }
        return value;
    }

    URI httpUrl(String path) {
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

    URI telegramUrl(String path) {
        URI uri = httpUrl(path);
        String urlPath = uri.getPath();
        if ((urlPath != null && !urlPath.isEmpty() && !urlPath.equals("/")) || uri.getQuery() != null) {
            throw invalid(path, "must be a server root such as https://api.telegram.org (no path)", uri.toString());
        }
        return uri;
    }

    Set<Long> userIds(String path) {
        return ids(path, "must be comma-separated numeric Telegram user ids");
    }

    /** Comma-separated chat ids; a group's is negative ({@code -1001234567890}). */
    Set<Long> chatIds(String path) {
        return ids(path, "must be comma-separated numeric Telegram chat ids (groups' are negative)");
    }

    private Set<Long> ids(String path, String expectation) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : config.getString(path).split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw invalid(path, expectation, id);
            }
        }
        return ids;
    }

    private boolean isScalar(String path) {
        ConfigValueType type = config.getValue(path).valueType();
        return type == ConfigValueType.NUMBER || type == ConfigValueType.STRING;
    }

    private String raw(String path) {
        ConfigValue value = config.getValue(path);
        return String.valueOf(value.unwrapped()).trim();
    }

    private InvalidSettingException invalid(String path, String expectation, String value) {
        return new InvalidSettingException("Invalid setting " + where(path) + ": " + expectation + ", got '" + value + "'");
    }

    /** Names the setting as the operator wrote it: the environment variable, or the key at its line of the file. */
    private String where(String path) {
        if (fromEnvironment.contains(path)) {
            return SettingsLoader.environmentName(path) + " (" + path + ")";
        }
        return file.lineOf(path)
                .map(line -> path + " in " + file.name() + " line " + line)
                .orElse(SettingsLoader.environmentName(path) + " (" + path + ")");
    }
}
