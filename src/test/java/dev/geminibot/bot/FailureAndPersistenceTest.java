package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

class FailureAndPersistenceTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void a_failed_gemini_call_gets_a_clear_reply_and_leaves_the_conversation_as_it_was() {
        bot.ask(ALICE, "before the failure");
        bot.gemini.respondWith(request -> FakeGemini.Reply.error(400, "INVALID_ARGUMENT", "Request contains an invalid argument."));

        String reply = bot.ask(ALICE, "this one fails");

        assertThat(reply).contains("problem on my side");
        bot.gemini.answerWith(request -> "Answer to: " + request.lastUserText());
        bot.ask(ALICE, "after the failure");
        assertThat(bot.gemini.requestFor("after the failure").turns()).containsExactly(
                new FakeGemini.Turn("user", "before the failure"),
                new FakeGemini.Turn("model", "Answer to: before the failure"),
                new FakeGemini.Turn("user", "after the failure"));
    }

    @Test
    void an_unavailable_gemini_gets_a_try_again_later_reply() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.error(503, "UNAVAILABLE", "The model is overloaded."));

        assertThat(bot.ask(ALICE, "hello?")).isEqualTo("Gemini is unavailable right now. Please try again in a little while.");
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void a_blocked_answer_is_declined_and_not_remembered() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.finished("", "SAFETY"));

        assertThat(bot.ask(ALICE, "something nasty")).startsWith("Gemini declined to answer");
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void conversations_survive_a_restart() throws Exception {
        bot.ask(ALICE, "my name is Alice");
        bot.telegram.groupText(-42, ALICE, "/ask group question");
        bot.awaitSent(-42, 1);

        bot.restart();
        bot.ask(ALICE, "what is my name?");

        assertThat(bot.gemini.requestFor("what is my name?").userTexts()).containsExactly("my name is Alice", "what is my name?");
        assertThat(bot.ask(ALICE, "/history")).contains("my name is Alice");
    }
}
