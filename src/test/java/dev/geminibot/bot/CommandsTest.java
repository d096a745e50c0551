package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;


import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void start_and_help_explain_the_bot_and_how_to_use_it_in_groups() {
        assertThat(bot.ask(ALICE, "/start")).contains("Gemini").contains("@gemini_test_bot").contains("/ask");
        assertThat(bot.ask(ALICE, "/help")).contains("/reset").contains("/history").contains("last 3");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void reset_forgets_my_conversation_here_and_confirms() {
        bot.ask(ALICE, "remember the number 42");

        assertThat(bot.ask(ALICE, "/reset")).startsWith("Done");
        bot.ask(ALICE, "which number?");

        assertThat(bot.gemini.requestFor("which number?").userTexts()).containsExactly("which number?");
    }

    @Test
    void reset_in_a_group_forgets_only_that_users_thread_there() {
        bot.telegram.groupText(GROUP, ALICE, "/ask alice's question");
        bot.awaitSent(GROUP, 1);
        bot.telegram.groupText(GROUP, 1002, "/ask bob's question");
        bot.awaitSent(GROUP, 2);

        bot.telegram.groupText(GROUP, ALICE, "/reset@gemini_test_bot");
        bot.awaitSent(GROUP, 3);
        bot.telegram.groupText(GROUP, 1002, "/ask bob again");
        bot.awaitSent(GROUP, 4);

        assertThat(bot.gemini.requestFor("bob again").userTexts()).containsExactly("bob's question", "bob again");
    }

    @Test
    void history_shows_my_last_exchanges_here() {
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
        for (int i = 1; i <= 4; i++) {
            bot.ask(ALICE, "q" + i);
        }

        String history = bot.ask(ALICE, "/history");

        assertThat(history).doesNotContain("q1").contains("You: q2\nGemini: Answer to: q2")
                .contains("You: q3").contains("You: q4\nGemini: Answer to: q4");
        assertThat(history.indexOf("q2")).isLessThan(history.indexOf("q4"));
    }

    @Test
    void history_renders_markdown_answers_as_short_readable_previews_under_bold_labels() {
        bot.gemini.answerWith(request -> """
                ## How to deploy

                **Build** the jar first[^1]:

                1. Run `mvn package`
                2. Copy *the jar* to the [server](https://example.com)

                [^1]: Java 21 is needed.
                """);
        bot.ask(ALICE, "how do I deploy?");

        bot.telegram.privateText(ALICE, "/history");
        FakeTelegram.Sent history = bot.awaitSent(ALICE, 2).get(1);

        assertThat(history.text()).isEqualTo("""
                What I remember from you here (oldest first):

                You: how do I deploy?
                Gemini: How to deploy
                Build the jar first[1]:
                1. Run mvn package
                2. Copy the jar to the server
                [1] Java 21 is needed.""");
        assertThat(history.html()).contains("<b>You:</b> how do I deploy?").contains("<b>Gemini:</b> How to deploy");
    }

    @Test
    void history_of_three_long_markdown_answers_is_one_message() throws Exception {
        String longAnswer = ("## Part\n\n" + "**Bold** words and more words in a long paragraph. ".repeat(40) + "\n\n")
                .repeat(6);
        bot.gemini.answerWith(request -> longAnswer);
        for (String question : List.of("first " + "long question ".repeat(40), "second", "third")) {
            bot.telegram.groupText(GROUP, ALICE, "/ask " + question);
            bot.settle();
        }
        int before = bot.telegram.sentTo(GROUP).size();

        bot.telegram.groupText(GROUP, ALICE, "/history@gemini_test_bot");
        FakeTelegram.Sent history = bot.awaitSent(GROUP, before + 1).get(before);

        assertThat(history.text()).hasSizeLessThanOrEqualTo(4096)
                .contains("You: first long question").contains("You: second").contains("You: third")
                .doesNotContain("##").doesNotContain("**").contains("Gemini: Part\nBold words").contains("\u2026");
        assertThat(history.text().split("Gemini: ", -1)).hasSize(4);
        assertThat(bot.telegram.sentTo(GROUP)).hasSize(before + 1);
    }

    @Test
    void retry_asks_the_last_question_again_without_its_old_answer_and_remembers_only_the_new_one() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        bot.gemini.answerWith(request -> "answer " + asked.incrementAndGet() + " to " + request.lastUserText());
        bot.ask(ALICE, "first question");
        assertThat(bot.ask(ALICE, "second question")).isEqualTo("answer 2 to second question");

        assertThat(bot.ask(ALICE, "/retry")).isEqualTo("answer 3 to second question");

        FakeGemini.Request retried = bot.gemini.requests().getLast();
        assertThat(retried.userTexts()).containsExactly("first question", "second question");
        assertThat(retried.turns()).extracting(FakeGemini.Turn::text).doesNotContain("answer 2 to second question");
        String history = bot.ask(ALICE, "/history");
        assertThat(history).contains("answer 1 to first question").contains("answer 3 to second question")
                .doesNotContain("answer 2");
        assertThat(history.split("You: ", -1)).hasSize(3);
    }

    @Test
    void retry_after_a_declined_answer_asks_that_question_again() {
        bot.ask(ALICE, "kept question");
        bot.gemini.respondWith(request -> FakeGemini.Reply.blockedPrompt("SAFETY"));
        String declined = bot.ask(ALICE, "touchy question");
        bot.gemini.answerWith(request -> "fine answer to " + request.lastUserText());

        assertThat(bot.ask(ALICE, "/retry")).as("after: " + declined).isEqualTo("fine answer to touchy question");

        assertThat(bot.gemini.requests().getLast().userTexts()).containsExactly("kept question", "touchy question");
        assertThat(bot.ask(ALICE, "/history")).contains("You: kept question").contains("You: touchy question");
    }

    @Test
    void retry_with_nothing_to_retry_says_so_without_asking_gemini() {
        assertThat(bot.ask(ALICE, "/retry")).isEqualTo("There is no question of yours here to answer again yet.");
        assertThat(bot.ask(ALICE, "/help")).contains("/retry - answer my last question again");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void unknown_commands_get_short_help_and_bare_ask_asks_for_a_question() {
        assertThat(bot.ask(ALICE, "/frobnicate")).isEqualTo("I don't know /frobnicate. Try /help.");
        assertThat(bot.ask(ALICE, "/ask")).startsWith("What would you like to ask?");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void stickers_and_photos_in_a_private_chat_get_a_note() {
        com.fasterxml.jackson.databind.node.ObjectNode sticker = bot.telegram.message(
                dev.geminibot.testbed.FakeTelegram.privateChat(ALICE), dev.geminibot.testbed.FakeTelegram.user(ALICE), null);
        sticker.putObject("sticker").put("file_id", "abc").put("file_unique_id", "u").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        bot.telegram.send(sticker);

        assertThat(bot.awaitSent(ALICE, 1).get(0).text()).contains("only read text");
    }
}
