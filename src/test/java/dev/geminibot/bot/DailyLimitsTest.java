package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.MetricsPage;
import dev.geminibot.testbed.FakeGemini.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/** BOT_DAILY_MESSAGES and BOT_DAILY_TOKENS, as users and the operator's /metrics see them. */
class DailyLimitsTest {
    private static final String RESETS = " It resets at midnight UTC, in (\\d+ h \\d+ min|\\d+ min|less than a minute)\\."
            + " Commands such as /history and /help still work\\.";

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_HTTP_PORT", "0", "GEMINI_RETRY_BACKOFF", "10ms");

    @Test
    @BotEnv("BOT_DAILY_MESSAGES=2")
    void a_user_over_the_daily_question_limit_is_told_when_it_resets_and_commands_still_work() throws Exception {
        assertThat(bot.ask(ALICE, "one")).isEqualTo("Answer to: one");
        assertThat(bot.ask(ALICE, "/help")).contains("/reset"); // commands never count
        assertThat(bot.ask(ALICE, "two")).isEqualTo("Answer to: two");

        assertThat(bot.ask(ALICE, "three")).matches("You've used today's 2 questions\\." + RESETS);
        assertThat(bot.ask(ALICE, "/retry")).matches("You've used today's 2 questions\\." + RESETS);
        assertThat(bot.ask(ALICE, "/history")).contains("one", "two");
        assertThat(bot.ask(BOB, "mine")).isEqualTo("Answer to: mine");
        assertThat(bot.gemini.requests()).hasSize(3);
        assertThat(metric("bot_daily_limit_refusals_total{limit=\"messages\"}")).isEqualTo(2);
        assertThat(metric("bot_updates_total{kind=\"daily_limit\"}")).isEqualTo(2); // not answers
        assertThat(metric("bot_answers_sent_total")).isEqualTo(3);

        bot.restart(); // counted in the store

        assertThat(bot.ask(ALICE, "four")).matches("You've used today's 2 questions\\." + RESETS);
    }

    @Test
    @BotEnv("BOT_DAILY_MESSAGES=1")
    void a_question_gemini_failed_to_answer_does_not_count() {
        bot.gemini.respondWith(request -> Reply.error(400, "INVALID_ARGUMENT", "Request contains an invalid argument."));
        assertThat(bot.ask(ALICE, "fails")).contains("problem on my side");
        bot.gemini.answerWith(request -> "fine");

        assertThat(bot.ask(ALICE, "works")).isEqualTo("fine");
        assertThat(bot.ask(ALICE, "over")).startsWith("You've used today's 1 question.");
    }

    @Test
    @BotEnv("BOT_DAILY_TOKENS=20")
    void a_user_over_the_daily_token_limit_is_told_after_the_answer_that_crossed_it() throws Exception {
        assertThat(bot.ask(ALICE, "one")).isEqualTo("Answer to: one"); // the fake: 15 tokens an answer
        assertThat(bot.ask(ALICE, "two")).isEqualTo("Answer to: two"); // 30: this one crossed the limit

        assertThat(bot.ask(ALICE, "three")).matches("You've used today's allowance of 20 Gemini tokens\\." + RESETS);
        assertThat(metric("bot_daily_limit_refusals_total{limit=\"tokens\"}")).isEqualTo(1);
    }

    private double metric(String series) throws Exception {
        return MetricsPage.value(MetricsPage.fetch(bot.httpPort().orElseThrow()), series);
    }
}
