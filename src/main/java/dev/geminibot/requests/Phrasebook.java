package dev.geminibot.requests;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's own words in every language it speaks: one UTF-8 properties file per language under
 * {@code /texts/}, English the base. Phrases name their placeholders ({@code {mention}}) so that a translation
 * may put them in any order; {@code MessageFormat}'s quoting rules would break every "don't" in a bundle.
 */
public final class Phrasebook {
    /** The languages with a bundle, English first: the default for every other language_code. */
    public static final List<String> LANGUAGES =
            List.of("en", "es", "pt", "de", "fr", "ru", "uk", "it", "tr", "id", "zh", "ar", "hi", "fa");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final Map<String, Properties> bundles;

    private Phrasebook(Map<String, Properties> bundles) {
        this.bundles = bundles;
    }

    /** Reads every bundle from the class path; a missing bundle is a broken build. */
    public static Phrasebook load() {
        Map<String, Properties> bundles = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            bundles.put(language, read(language));
        }
        return new Phrasebook(bundles);
    }

    static Properties read(String language) {
        String path = "/texts/bot_" + language + ".properties";
        try (InputStream in = Phrasebook.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path);
            }
            Properties phrases = new Properties();
            phrases.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return phrases;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /**
     * The language we speak to someone whose Telegram client says {@code languageCode} (an IETF tag such as
     * "pt-br" or "zh-hans", or null when Telegram did not say): its primary subtag if we have it, else English.
     */
    public static String languageFor(String languageCode) {
        String primary = primarySubtag(languageCode);
        return LANGUAGES.contains(primary) ? primary : LANGUAGES.get(0);
    }

    /**
     * The name in English of the language {@code languageCode} names ("Spanish" for "es-419"), also of one
     * without a bundle; empty if it names none.
     */
    public static String languageName(String languageCode) {
        String primary = primarySubtag(languageCode);
        if (primary.isEmpty()) {
            return "";
        }
        String name = Locale.forLanguageTag(primary).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(primary) ? "" : name;
    }

    /** "pt" of "pt-BR" or "pt_br", in lower case; empty for null or blank. */
    private static String primarySubtag(String languageCode) {
        return languageCode == null || languageCode.isBlank() ? ""
                : languageCode.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    }

    /** {@code key}'s phrase in {@code language} (English if that bundle lacks it), placeholders filled in. */
    public String say(String language, String key, Map<String, ?> values) {
        String phrase = bundles.getOrDefault(language, bundles.get("en")).getProperty(key);
        if (phrase == null) {
            phrase = bundles.get("en").getProperty(key);
        }
        if (phrase == null) {
            throw new IllegalArgumentException("No phrase " + key);
        }
        Matcher placeholder = PLACEHOLDER.matcher(phrase);
        return placeholder.replaceAll(match -> {
            Object value = values.get(match.group(1));
            return Matcher.quoteReplacement(value == null ? match.group() : String.valueOf(value));
        });
    }

    /** The placeholders of a phrase, for checking that translations keep them. */
    static List<String> placeholders(String phrase) {
        return PLACEHOLDER.matcher(phrase).results().map(match -> match.group(1)).sorted().toList();
    }
}
