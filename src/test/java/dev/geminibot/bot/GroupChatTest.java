package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GroupChatTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void answers_a_mention_without_the_mention_as_a_reply_to_the_users_message() {
        int asked = bot.telegram.groupText(GROUP, ALICE, "@gemini_test_bot what is 2+2?");

        FakeTelegram.Sent answer = bot.awaitSent(GROUP, 1).get(0);

        assertThat(answer.text()).isEqualTo("Answer to: what is 2+2?");
        assertThat(answer.replyTo()).isEqualTo(asked);
        assertThat(bot.gemini.requestFor("what is 2+2?").turns()).hasSize(1);
    }

    @Test
    void ignores_ordinary_chatter_and_does_not_remember_it() {
        bot.telegram.groupText(GROUP, ALICE, "lunch anyone?");
        bot.telegram.groupText(GROUP, ALICE, "/ask@some_other_bot hello");
        bot.telegram.groupText(GROUP, ALICE, "/weather");
        bot.telegram.groupText(GROUP, ALICE, "@gemini_test_bot are you there?");

        bot.awaitSent(GROUP, 1);

        assertThat(bot.telegram.sentTo(GROUP)).extracting(FakeTelegram.Sent::text)
                .containsExactly("Answer to: are you there?");
        assertThat(bot.gemini.requests()).extracting(FakeGemini.Request::turns)
                .containsExactly(java.util.List.of(new FakeGemini.Turn("user", "are you there?")));
    }

    @Test
    void answers_ask_commands_with_and_without_the_bots_name() {
        bot.telegram.groupText(GROUP, ALICE, "/ask first question");
        bot.awaitSent(GROUP, 1);
        bot.telegram.groupText(GROUP, ALICE, "/ask@gemini_test_bot second question");
        bot.awaitSent(GROUP, 2);

        assertThat(bot.telegram.sentTo(GROUP)).extracting(FakeTelegram.Sent::text)
                .containsExactly("Answer to: first question", "Answer to: second question");
    }

    @Test
    void answers_a_reply_to_one_of_its_messages() {
        bot.telegram.groupText(GROUP, ALICE, "/ask name a colour");
        FakeTelegram.Sent first = bot.awaitSent(GROUP, 1).get(0);

        bot.telegram.groupReply(GROUP, ALICE, "and another one", first);

        assertThat(bot.awaitSent(GROUP, 2).get(1).text()).isEqualTo("Answer to: and another one");
        assertThat(bot.gemini.requestFor("and another one").userTexts()).containsExactly("name a colour", "and another one");
    }

    @Test
    void keeps_one_thread_per_user_in_a_group_separate_from_their_private_chat() {
        bot.telegram.groupText(GROUP, ALICE, "/ask alice in group");
        bot.awaitSent(GROUP, 1);
        bot.telegram.groupText(GROUP, BOB, "/ask bob in group");
        bot.awaitSent(GROUP, 2);
        bot.ask(ALICE, "alice in private");

        bot.telegram.groupText(GROUP, ALICE, "/ask alice again in group");
        bot.awaitSent(GROUP, 3);
        bot.telegram.groupText(GROUP, BOB, "/ask bob again in group");
        bot.awaitSent(GROUP, 4);

        assertThat(bot.gemini.requestFor("alice again in group").userTexts())
                .containsExactly("alice in group", "alice again in group");
        assertThat(bot.gemini.requestFor("bob again in group").userTexts())
                .containsExactly("bob in group", "bob again in group");
        assertThat(bot.gemini.requestFor("alice in private").userTexts()).containsExactly("alice in private");
    }

    @Test
    void answers_in_the_forum_topic_the_question_came_from() {
        bot.gemini.respondWith(request -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !bot.telegram.actions().isEmpty()); // a slow model
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });
        int asked = bot.telegram.topicText(GROUP, 77, ALICE, "@gemini_test_bot topic question");

        FakeTelegram.Sent answer = bot.awaitSent(GROUP, 1).get(0);

        assertThat(answer.threadId()).isEqualTo(77);
        assertThat(answer.replyTo()).isEqualTo(asked);
        assertThat(bot.telegram.actions()).contains(new FakeTelegram.Action(GROUP, 77, "typing"));
    }

    @Test
    void each_forum_topic_is_its_own_thread_so_context_never_crosses_topics() {
        bot.telegram.topicText(GROUP, 77, ALICE, "/ask topic A first");
        bot.awaitSent(GROUP, 1);
        bot.telegram.topicText(GROUP, 88, ALICE, "/ask topic B first");
        bot.awaitSent(GROUP, 2);
        bot.telegram.groupText(GROUP, ALICE, "/ask outside topics");
        bot.awaitSent(GROUP, 3);
        bot.telegram.topicText(GROUP, 77, ALICE, "/ask topic A second");
        bot.awaitSent(GROUP, 4);
        bot.telegram.topicText(GROUP, 88, ALICE, "/ask topic B second");
        bot.awaitSent(GROUP, 5);
        bot.telegram.topicText(GROUP, 88, ALICE, "/history");

        String historyInB = bot.awaitSent(GROUP, 6).get(5).text();

        assertThat(bot.gemini.requestFor("topic A second").userTexts())
                .containsExactly("topic A first", "topic A second");
        assertThat(bot.gemini.requestFor("topic B second").userTexts())
                .containsExactly("topic B first", "topic B second");
        assertThat(bot.gemini.requestFor("outside topics").userTexts()).containsExactly("outside topics");
        assertThat(historyInB).contains("topic B first").doesNotContain("topic A").doesNotContain("outside");
        assertThat(bot.telegram.sentTo(GROUP).get(5).threadId()).isEqualTo(88);
    }

    @Test
    void ignores_messages_from_other_bots() {
        com.fasterxml.jackson.databind.node.ObjectNode fromBot = bot.telegram.message(
                FakeTelegram.groupChat(GROUP), FakeTelegram.user(999).put("is_bot", true), "@gemini_test_bot hi");
        bot.telegram.send(fromBot);
        bot.telegram.groupText(GROUP, ALICE, "@gemini_test_bot after the bot");

        bot.awaitSent(GROUP, 1);

        assertThat(bot.gemini.requests()).extracting(FakeGemini.Request::lastUserText).containsExactly("after the bot");
    }
}
