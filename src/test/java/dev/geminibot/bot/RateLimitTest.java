package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-user limit counts questions for Gemini only: commands and notes of the bot's own always work. */
class RateLimitTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    @BotEnv({"BOT_RATE_LIMIT_MESSAGES=3", "BOT_RATE_LIMIT_PERIOD=1h"})
    void the_slow_down_note_quotes_the_skipped_question_and_says_when_to_send_it_again() {
        for (int i = 1; i <= 3; i++) {
            assertThat(bot.ask(ALICE, "question " + i)).isEqualTo("Answer to: question " + i);
        }

        String note = bot.ask(ALICE, "What is the airspeed velocity of an unladen swallow, African or European?");

        // 3 per hour: the next token comes 20 minutes after the first was taken.
        assertThat(note).contains("I skipped \u201cWhat is the airspeed velocity of an unla\u2026\u201d")
                .containsPattern("send it again in (19|20) minutes\\.");
        assertThat(bot.gemini.requests()).extracting(FakeGemini.Request::lastUserText)
                .containsExactly("question 1", "question 2", "question 3");
    }

    @Test
    @BotEnv({"BOT_RATE_LIMIT_MESSAGES=2", "BOT_RATE_LIMIT_PERIOD=1h"})
    void commands_and_stickers_are_answered_even_when_the_user_is_over_the_limit() {
        bot.ask(ALICE, "remember 42");
        bot.ask(ALICE, "and 43");
        assertThat(bot.ask(ALICE, "one too many")).contains("I skipped \u201cone too many\u201d");

        assertThat(bot.ask(ALICE, "/history")).contains("remember 42").contains("and 43");
        assertThat(bot.ask(ALICE, "/reset")).startsWith("Done");
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
        assertThat(bot.ask(ALICE, "/help")).contains("/reset");
        assertThat(bot.ask(ALICE, "/start")).contains("Gemini");
        assertThat(bot.ask(ALICE, "/frobnicate")).isEqualTo("I don't know /frobnicate. Try /help.");
        ObjectNode sticker = bot.telegram.message(FakeTelegram.privateChat(ALICE), FakeTelegram.user(ALICE), null);
        sticker.putObject("sticker").put("file_id", "abc").put("file_unique_id", "u").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        int before = bot.telegram.sentTo(ALICE).size();
        bot.telegram.send(sticker);
        assertThat(bot.awaitSent(ALICE, before + 1).get(before).text()).contains("only read text");

        bot.telegram.groupText(GROUP, ALICE, "/history@gemini_test_bot");
        assertThat(bot.awaitSent(GROUP, 1).get(0).text()).contains("don't remember anything");
        assertThat(bot.gemini.requests()).hasSize(2);
    }
}
