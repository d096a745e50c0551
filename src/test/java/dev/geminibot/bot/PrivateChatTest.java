package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PrivateChatTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void answers_a_private_message_with_geminis_answer() {
        String answer = bot.ask(ALICE, "What is the capital of France?");

        assertThat(answer).isEqualTo("Answer to: What is the capital of France?");
        FakeGemini.Request request = bot.gemini.requestFor("What is the capital of France?");
        assertThat(request.model()).isEqualTo("gemini-2.5-flash");
        assertThat(request.systemInstruction()).startsWith("You are a helpful assistant");
        assertThat(request.turns()).containsExactly(new FakeGemini.Turn("user", "What is the capital of France?"));
    }

    @Test
    void shows_typing_while_gemini_works_and_registers_commands_at_start() {
        bot.gemini.respondWith(request -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !bot.telegram.actions().isEmpty()); // a slow model
            return FakeGemini.Reply.text("done thinking");
        });

        assertThat(bot.ask(ALICE, "hi")).isEqualTo("done thinking");

        assertThat(bot.telegram.actions()).contains(new FakeTelegram.Action(ALICE, null, "typing"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.telegram.commandMenu(null).isEmpty());
        assertThat(bot.telegram.commandMenu(null).keySet())
                .containsExactlyInAnyOrder("ask", "retry", "reset", "forget", "history", "help", "start");
    }

    @Test
    void sends_exactly_the_last_three_exchanges_after_five() {
        for (int i = 1; i <= 5; i++) {
            bot.ask(ALICE, "question " + i);
        }

        bot.ask(ALICE, "question 6");

        assertThat(bot.gemini.requestFor("question 6").turns()).containsExactly(
                new FakeGemini.Turn("user", "question 3"), new FakeGemini.Turn("model", "Answer to: question 3"),
                new FakeGemini.Turn("user", "question 4"), new FakeGemini.Turn("model", "Answer to: question 4"),
                new FakeGemini.Turn("user", "question 5"), new FakeGemini.Turn("model", "Answer to: question 5"),
                new FakeGemini.Turn("user", "question 6"));
    }

    @Test
    void answers_two_messages_of_one_batch_in_order_with_the_second_seeing_the_first() {
        bot.telegram.privateTextsInOneBatch(ALICE, "first", "second");

        List<FakeTelegram.Sent> answers = bot.awaitSent(ALICE, 2);

        assertThat(answers).extracting(FakeTelegram.Sent::text).containsExactly("Answer to: first", "Answer to: second");
        assertThat(bot.gemini.requestFor("second").turns()).containsExactly(
                new FakeGemini.Turn("user", "first"), new FakeGemini.Turn("model", "Answer to: first"),
                new FakeGemini.Turn("user", "second"));
    }

    @Test
    void delivers_an_answer_longer_than_telegrams_limit_complete_in_several_messages() {
        String paragraph = "word ".repeat(300).strip(); // 1,499 characters
        String longAnswer = String.join("\n\n", paragraph, paragraph, paragraph, paragraph, paragraph, paragraph);
        bot.gemini.answerWith(request -> longAnswer);

        bot.telegram.privateText(ALICE, "tell me a lot");
        await().until(() -> String.join("\n\n", bot.telegram.sentTo(ALICE).stream().map(FakeTelegram.Sent::text).toList())
                .equals(longAnswer));

        assertThat(bot.telegram.sentTo(ALICE)).hasSizeGreaterThan(1)
                .allSatisfy(part -> assertThat(part.text().length()).isLessThanOrEqualTo(4096));
    }

    @Test
    void a_markdown_table_in_the_answer_arrives_aligned_in_a_monospace_block() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.text("""
                Here you go:

                | City | Population |
                |------|-----------:|
                | Paris | 2.1 M |
                | Lyon | 0.5 M |
                """));

        bot.telegram.privateText(ALICE, "compare cities");
        FakeTelegram.Sent answer = bot.awaitSent(ALICE, 1).get(0);

        assertThat(bot.telegram.rejected()).isEmpty();
        assertThat(answer.html()).isEqualTo("""
                Here you go:

                <pre>City  | Population
                ------+-----------
                Paris |      2.1 M
                Lyon  |      0.5 M</pre>""");
    }
}
