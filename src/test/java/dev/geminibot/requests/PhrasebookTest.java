package dev.geminibot.requests;

import dev.geminibot.conversation.ModelFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PhrasebookTest {
    static final List<String> LANGUAGES = Phrasebook.LANGUAGES;
    private static final Properties ENGLISH = Phrasebook.read("en");

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void every_bundle_has_exactly_the_english_keys(String language) {
        assertThat(Phrasebook.read(language).stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(ENGLISH.stringPropertyNames());
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void every_phrase_keeps_the_english_placeholders_and_says_something(String language) {
        Properties bundle = Phrasebook.read(language);
        assertThat(placeholders(bundle)).isEqualTo(placeholders(ENGLISH));
        bundle.stringPropertyNames().forEach(key -> assertThat(bundle.getProperty(key)).as(language + " " + key)
                .isNotBlank()
                .doesNotContain("\uFFFD") // not read as UTF-8
                .satisfies(phrase -> assertThat(phrase.chars().filter(c -> c == '{').count())
                        .isEqualTo(phrase.chars().filter(c -> c == '}').count())));
    }

    private static Map<String, List<String>> placeholders(Properties bundle) {
        return bundle.stringPropertyNames().stream().collect(Collectors.toMap(key -> key,
                key -> Phrasebook.placeholders(bundle.getProperty(key)), (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void every_command_and_failure_has_its_words_and_menu_texts_fit_telegrams_limit(String language) {
        BotTexts texts = texts().in(language);
        for (Command command : new Commands().all()) {
            // setMyCommands: a description of 1-256 characters
            assertThat(texts.menuText(command)).hasSizeBetween(1, 256);
            if (command.listedInHelp()) {
                assertThat(texts.helpText(command)).isNotBlank();
            }
        }
        for (ModelFailure failure : ModelFailure.values()) {
            assertThat(texts.failure(failure, Optional.empty())).isNotBlank().doesNotContain("{");
        }
        assertThat(texts.failure(ModelFailure.BUSY, Optional.of(Duration.ofSeconds(42)))).contains("42");
        assertThat(texts.failure(ModelFailure.BUSY, Optional.of(Duration.ofMinutes(20)))).contains("20");
    }

    @Test
    void a_telegram_language_code_picks_its_primary_language_and_english_otherwise() {
        assertThat(Phrasebook.languageFor("pt-br")).isEqualTo("pt");
        assertThat(Phrasebook.languageFor("zh-hans")).isEqualTo("zh");
        assertThat(Phrasebook.languageFor("DE")).isEqualTo("de");
        assertThat(Phrasebook.languageFor("id")).isEqualTo("id");
        assertThat(Phrasebook.languageFor("nl")).isEqualTo("en");
        assertThat(Phrasebook.languageFor(null)).isEqualTo("en");
        assertThat(Phrasebook.languageFor("")).isEqualTo("en");
    }

    @Test
    void placeholders_are_filled_in_whatever_their_order_and_apostrophes_stay() {
        BotTexts english = texts();
        assertThat(english.tooLong(5000, 4000))
                .isEqualTo("Your message is too long for me (5000 characters). Please keep it under 4000.");
        assertThat(english.emptyQuestion()).contains("@bot").doesNotContain("{");
        assertThat(english.failure(ModelFailure.MISCONFIGURED, Optional.empty())).startsWith("I can't reach Gemini");
        assertThat(english.failure(ModelFailure.BUSY, Optional.of(Duration.ofSeconds(1)))).endsWith("in 1 second.");
        assertThat(english.failure(ModelFailure.BUSY, Optional.of(Duration.ofSeconds(150)))).endsWith("in 3 minutes.");
        assertThat(english.in("ru").unknownCommand("foo")).isEqualTo("Я не знаю команду /foo. Попробуйте /help.");
        assertThat(english.label("voice 0:12")).isEqualTo("voice 0:12");
        assertThat(english.in("es").label("voice 0:12")).isEqualTo("nota de voz 0:12");
        assertThat(english.in("de").label("video note 0:05")).isEqualTo("Videonachricht 0:05");
        assertThat(english.in("de").label("document notes.txt")).isEqualTo("Dokument notes.txt");
    }

    private static BotTexts texts() {
        return new BotTexts(new BotIdentity(1, "bot"), 3, Phrasebook.load());
    }
}
