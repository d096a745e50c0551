package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** BOT_ANSWER_FORMAT=rich: answers go out as Telegram rich messages, HTML when the server refuses one. */
class RichMessagesTest {
    private static final String TABLE = """
            Here is the comparison:

            | Planet | Moons | Rings |
            |--------|------:|-------|
            | Earth  | 1     | no    |
            | Saturn | 146   | yes   |
            """;

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_ANSWER_FORMAT", "rich");

    @Test
    void a_table_answer_is_sent_as_one_rich_message_with_a_table() {
        bot.gemini.answerWith(request -> TABLE);

        bot.ask(ALICE, "compare Earth and Saturn");

        List<FakeTelegram.RichSent> rich = bot.telegram.richSent();
        assertThat(rich).singleElement().satisfies(message -> {
            assertThat(message.chatId()).isEqualTo(ALICE);
            assertThat(message.markdown()).isEqualTo(TABLE.strip());
            assertThat(message.tableColumns()).containsExactly(3);
        });
        assertThat(bot.telegram.methodsCalled()).doesNotContain("sendmessage");
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    void a_12k_character_answer_is_one_rich_message() {
        String answer = paragraphs(12, 1000);
        bot.gemini.answerWith(request -> answer);

        bot.ask(ALICE, "tell me everything");

        assertThat(bot.telegram.richSent()).singleElement()
                .satisfies(message -> assertThat(message.markdown()).isEqualTo(answer));
        assertThat(bot.telegram.sentTo(ALICE)).hasSize(1);
    }

    @Test
    void a_40k_character_answer_goes_in_as_few_rich_messages_as_the_limits_allow() {
        String answer = paragraphs(40, 1000);
        bot.gemini.answerWith(request -> answer);

        bot.telegram.privateText(ALICE, "tell me even more");

        List<FakeTelegram.Sent> sent = bot.awaitSent(ALICE, 2);
        List<FakeTelegram.RichSent> rich = bot.telegram.richSent();
        assertThat(rich).hasSize(2); // 40 × ~1000 characters: two messages of at most 32,768
        assertThat(rich).allSatisfy(message -> assertThat(message.markdown().length()).isLessThanOrEqualTo(32_768));
        assertThat(rich.get(0).markdown() + "\n\n" + rich.get(1).markdown()).isEqualTo(answer);
        assertThat(sent.get(0).replyTo()).isNull(); // private chats get no reply reference, as with HTML
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    void a_table_wider_than_rich_messages_allow_goes_as_html_and_the_rest_as_rich() {
        String header = IntStream.rangeClosed(1, 25).mapToObj(i -> "c" + i).collect(Collectors.joining(" | ", "| ", " |"));
        String rule = IntStream.rangeClosed(1, 25).mapToObj(i -> "--").collect(Collectors.joining(" | ", "| ", " |"));
        String row = IntStream.rangeClosed(1, 25).mapToObj(Integer::toString).collect(Collectors.joining(" | ", "| ", " |"));
        bot.gemini.answerWith(request -> "Before the table.\n\n" + header + "\n" + rule + "\n" + row + "\n\nAfter **it**.");

        bot.telegram.privateText(ALICE, "a wide table");

        List<FakeTelegram.Sent> sent = bot.awaitSent(ALICE, 3);
        assertThat(sent.get(0).text()).isEqualTo("Before the table.");
        assertThat(sent.get(1).html()).contains("<b>c25</b>: 25"); // the HTML way: one line per row
        assertThat(sent.get(2).text()).isEqualTo("After **it**.");
        assertThat(bot.telegram.richSent()).hasSize(2);
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    void an_older_server_without_rich_messages_gets_html_and_the_cause_is_logged_once() {
        bot.telegram.withoutRichMessages();
        bot.gemini.answerWith(request -> "A **bold** answer to " + request.lastUserText());

        try (LogCapture logs = new LogCapture()) {
            String first = bot.ask(ALICE, "one");
            String second = bot.ask(ALICE, "two");

            assertThat(first).isEqualTo("A bold answer to one");
            assertThat(second).isEqualTo("A bold answer to two");
            assertThat(bot.telegram.sentTo(ALICE)).extracting(FakeTelegram.Sent::html)
                    .containsExactly("A <b>bold</b> answer to one", "A <b>bold</b> answer to two");
            assertThat(logs.count("refused a rich message")).isEqualTo(1);
        }
        assertThat(bot.telegram.richSent()).isEmpty();
    }

    @Test
    void a_rich_message_refused_with_400_is_sent_as_html_with_its_reply_reference() {
        bot.telegram.failNext("sendrichmessage", 1, new FakeTelegram.Fault(400, "Bad Request: can't parse rich message", null));

        int question = bot.telegram.groupText(GROUP, BOB, "/ask something");

        FakeTelegram.Sent sent = bot.awaitSent(GROUP, 1).getFirst();
        assertThat(sent.text()).isEqualTo("Answer to: something");
        assertThat(sent.html()).isNotNull();
        assertThat(sent.replyTo()).isEqualTo(question);
    }

    @Test
    void an_answer_cut_at_the_length_limit_carries_the_note_in_the_same_rich_message() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.finished("Half of *the* story", "MAX_TOKENS"));

        bot.ask(ALICE, "a long story");

        assertThat(bot.telegram.richSent()).singleElement().satisfies(message ->
                assertThat(message.markdown()).startsWith("Half of *the* story\n\n_").endsWith("_"));
    }

    @Test
    void the_bots_own_words_stay_html() {
        String help = bot.ask(ALICE, "/help");

        assertThat(help).isNotBlank();
        assertThat(bot.telegram.richSent()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.telegram.sentTo(ALICE).getFirst().html() != null);
    }

    @Test
    @BotEnv("TELEGRAM_RETRY_BACKOFF=10ms")
    void a_rich_part_left_unsent_is_sent_after_a_restart_and_the_sent_one_is_not_repeated() throws Exception {
        String answer = paragraphs(40, 1000);
        bot.gemini.answerWith(request -> answer);
        bot.telegram.onSent(first -> bot.telegram.failNext("sendrichmessage", 50, new FakeTelegram.Fault(502, "Bad Gateway", null)));

        bot.telegram.privateText(ALICE, "tell me even more");
        bot.awaitSent(ALICE, 1);
        bot.settle(); // the second part outlasted its tries: it stays in the inbox
        bot.telegram.onSent(sent -> { });
        bot.telegram.clearFaults("sendrichmessage");
        bot.restart();

        bot.awaitSent(ALICE, 2);
        bot.settle();
        List<FakeTelegram.RichSent> rich = bot.telegram.richSent();
        assertThat(rich).hasSize(2);
        assertThat(rich.get(0).markdown() + "\n\n" + rich.get(1).markdown()).isEqualTo(answer);
        assertThat(bot.gemini.requests()).hasSize(1);
    }

    /** {@code count} paragraphs of about {@code length} characters each, told apart by their number. */
    private static String paragraphs(int count, int length) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> ("Paragraph " + i + ": " + "lorem ipsum dolor sit amet ".repeat(length / 27)).strip())
                .collect(Collectors.joining("\n\n"));
    }
}
