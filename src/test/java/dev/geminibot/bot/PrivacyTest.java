package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.MetricsPage;
import dev.geminibot.testbed.FakeGemini;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static dev.geminibot.testbed.People.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /forget and BOT_CONVERSATION_EXPIRY: what users can have deleted, and what is deleted on its own. */
class PrivacyTest {
    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_HTTP_PORT", "0", "BOT_ADMIN_USERS", String.valueOf(CAROL),
            "TELEGRAM_RATE_LIMIT", "false"); // six answers in one group would be paced over seconds

    @Test
    void forget_deletes_the_users_conversations_in_every_chat_and_topic_and_their_usage_but_nobody_elses() throws Exception {
        bot.ask(ALICE, "private question");
        bot.telegram.groupText(GROUP, ALICE, "/ask group question");
        bot.telegram.topicText(GROUP, 7, ALICE, "/ask topic question");
        bot.telegram.groupText(GROUP, BOB, "/ask bob's question");
        bot.awaitSent(GROUP, 3);

        assertThat(bot.ask(ALICE, "/forget")).isEqualTo("Done: I've deleted everything I kept about you: 3 conversations"
                + " in all chats and your usage counts. The next message starts afresh.");

        assertThat(bot.ask(ALICE, "/history")).isEqualTo("I don't remember anything from you here yet.");
        bot.telegram.groupText(GROUP, ALICE, "/ask again in the group");
        bot.telegram.topicText(GROUP, 7, ALICE, "/ask again in the topic");
        bot.telegram.groupText(GROUP, BOB, "/ask bob again");
        bot.awaitSent(GROUP, 6);
        assertThat(bot.gemini.requestFor("again in the group").userTexts()).containsExactly("again in the group");
        assertThat(bot.gemini.requestFor("again in the topic").userTexts()).containsExactly("again in the topic");
        assertThat(bot.gemini.requestFor("bob again").userTexts()).containsExactly("bob's question", "bob again");
        // usage: Alice's count starts afresh with her two questions since; Bob's two stay
        assertThat(bot.ask(CAROL, "/stats")).startsWith("Users answered: 2 today, 2 in all\n"
                + "Questions answered: 4 today, 4 in all");
    }

    @Test
    void a_message_waiting_behind_forget_is_deleted_and_never_answered() throws Exception {
        bot.telegram.privateTextsInOneBatch(ALICE, "/forget", "hello");

        assertThat(bot.awaitSent(ALICE, 1).get(0).text()).contains("1 message not yet answered");
        bot.settle();
        assertThat(bot.telegram.sentTo(ALICE)).hasSize(1);
        assertThat(bot.gemini.requests()).isEmpty();
        assertThat(bot.ask(ALICE, "/history")).isEqualTo("I don't remember anything from you here yet.");
    }

    @Test
    @BotEnv("BOT_CONVERSATION_EXPIRY=1s")
    void a_conversation_idle_for_longer_than_the_expiry_is_deleted() throws Exception {
        bot.ask(ALICE, "remember me");
        assertThat(bot.ask(ALICE, "/history")).contains("remember me");

        await().atMost(Duration.ofSeconds(20)).until(() -> metric("bot_conversations_expired_total") >= 1);

        assertThat(bot.ask(ALICE, "/history")).isEqualTo("I don't remember anything from you here yet.");
        bot.ask(ALICE, "who am I?");
        assertThat(bot.gemini.requestFor("who am I?").turns()).extracting(FakeGemini.Turn::text)
                .containsExactly("who am I?");
    }

    @Test
    void a_conversation_in_use_is_kept_with_the_default_expiry_of_30_days() throws Exception {
        bot.ask(ALICE, "first");
        bot.ask(ALICE, "second");

        assertThat(bot.gemini.requestFor("second").userTexts()).containsExactly("first", "second");
        assertThat(metric("bot_conversations_expired_total")).isZero();
    }

    private double metric(String series) throws Exception {
        return MetricsPage.value(MetricsPage.fetch(bot.httpPort().orElseThrow()), series);
    }
}
