package dev.geminibot.bot;

import dev.geminibot.StartupException;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeGemini.Reply;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check of GEMINI_API_KEY and GEMINI_MODEL (models.get), as an operator meets it. */
class GeminiStartupCheckTest {
    private static final String WRONG_KEY = "AIzaSyWRONG-key-that-must-not-be-printed-99";

    private final LogCapture logs = new LogCapture();

    @RegisterExtension
    final BotExtension bot = BotExtension.fakesOnly();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void a_wrong_key_stops_the_start_with_one_line_saying_to_fix_the_key_and_never_printing_it() throws Exception {
        Map<String, String> environment = new HashMap<>(bot.environment());
        environment.put("GEMINI_API_KEY", WRONG_KEY);

        try (BotProcess process = BotProcess.start(environment)) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.output()).isEqualTo("gemini-telegram-bot: Gemini rejected GEMINI_API_KEY (400"
                    + " INVALID_ARGUMENT API_KEY_INVALID: API key not valid. Please pass a valid API key.): set"
                    + " GEMINI_API_KEY to a valid key from Google AI Studio\n");
            assertThat(process.output()).doesNotContain(WRONG_KEY);
        }
        assertThat(bot.gemini.modelLookups()).isEqualTo(1);
        assertThat(bot.gemini.requests()).isEmpty();
        // a bot that did not start leaves a webhook as it was (getMe ran beside the check; that is harmless)
        assertThat(bot.telegram.methodsCalled()).doesNotContain("deleteWebhook").doesNotContain("getUpdates");
    }

    @Test
    void an_unknown_model_stops_the_start_with_one_line_saying_to_fix_the_model() throws Exception {
        Map<String, String> environment = new HashMap<>(bot.environment());
        environment.put("GEMINI_MODEL", "gemini-9-imaginary");

        try (BotProcess process = BotProcess.start(environment)) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.output()).startsWith("gemini-telegram-bot: Gemini has no model 'gemini-9-imaginary'"
                            + " (404 NOT_FOUND: models/gemini-9-imaginary is not found")
                    .endsWith("): set GEMINI_MODEL to a model your key can use, e.g. gemini-2.5-flash\n")
                    .doesNotContain(FakeGemini.KEY)
                    .hasLineCount(1);
        }
    }

    @Test
    void a_known_model_and_the_right_key_start_the_bot_after_one_lookup() throws Exception {
        bot.with("GEMINI_MODEL", "gemini-2.5-pro").start();

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.gemini.modelLookups()).isEqualTo(1);
        assertThat(bot.gemini.requestFor("hello").model()).isEqualTo("gemini-2.5-pro");
    }

    @Test
    void by_default_an_unreachable_gemini_starts_the_bot_with_a_warning_and_users_get_answers_once_it_is_back()
            throws Exception {
        bot.gemini.failModelLookups(Reply.error(503, "UNAVAILABLE", "The model is overloaded."));

        bot.start();

        assertThat(logs.messages()).anyMatch(line -> line.startsWith("Starting without checking GEMINI_API_KEY and"
                + " GEMINI_MODEL: Gemini answered the start-up check with 503 UNAVAILABLE: The model is overloaded."));
        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
    }

    @Test
    void with_require_an_unreachable_gemini_stops_the_start_naming_the_setting_that_would_let_it_start()
            throws Exception {
        bot.gemini.failModelLookups(Reply.dropConnection());
        bot.with("GEMINI_CHECK_AT_START", "require");

        assertThatThrownBy(bot::start).isInstanceOf(StartupException.class)
                .hasMessageStartingWith("Cannot check GEMINI_API_KEY and GEMINI_MODEL: cannot reach Gemini at "
                        + bot.gemini.baseUrlWithVersion())
                .hasMessageEndingWith("; GEMINI_CHECK_AT_START=warn starts anyway");
    }

    @Test
    void with_off_there_is_no_lookup_at_all() throws Exception {
        bot.with("GEMINI_CHECK_AT_START", "off").start();

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.gemini.modelLookups()).isZero();
    }

    @Test
    void an_unknown_value_of_the_setting_names_the_values_it_may_have() {
        bot.with("GEMINI_CHECK_AT_START", "maybe");

        assertThatThrownBy(bot::start).hasMessage("Invalid setting GEMINI_CHECK_AT_START (gemini.check-at-start):"
                + " must be one of require, warn, off, got 'maybe'");
    }
}
