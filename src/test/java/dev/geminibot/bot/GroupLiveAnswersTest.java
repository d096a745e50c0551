package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, live answers in groups: with streaming, a group sees the answer grow in one message (sent early,
 * then edited), and the complete answer takes its place; edits stay inside the group's flood limit.
 */
class GroupLiveAnswersTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_STREAMING", "true");

    @Test
    void a_group_sees_the_answer_grow_in_one_message_that_becomes_the_answer() {
        String answer = lines(24);
        bot.telegram.enforceFloodLimits();
        bot.gemini.answerWith(request -> answer);
        bot.gemini.streamInPieces(8);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(900));

        int question = bot.telegram.groupText(GROUP, ALICE, "/ask count slowly");

        await().atMost(Duration.ofSeconds(30)).until(() -> bot.telegram.edits().stream()
                .anyMatch(edit -> edit.text().equals(answer)));
        List<FakeTelegram.Sent> sent = bot.telegram.sentTo(GROUP);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo(answer);
            assertThat(message.replyTo()).isEqualTo(question);
        });
        List<FakeTelegram.Edit> edits = bot.telegram.edits();
        assertThat(edits).hasSizeGreaterThanOrEqualTo(2); // grew at least once before the complete answer
        assertThat(edits).allSatisfy(edit -> assertThat(answer).startsWith(edit.text()));
        assertThat(bot.telegram.rejected()).isEmpty(); // never an edit to the same text
        assertThat(bot.telegram.tooManyRequests()).isZero();
        assertThat(bot.telegram.drafts()).isEmpty();
    }

    @Test
    void a_long_live_answer_ends_as_the_edited_first_message_and_new_ones_for_the_rest() {
        String answer = IntStream.rangeClosed(1, 9).mapToObj(i -> ("Part " + i + " " + "words ".repeat(160)).strip())
                .collect(Collectors.joining("\n\n")); // ~8,700 characters: three HTML messages
        bot.gemini.answerWith(request -> answer);
        bot.gemini.streamInPieces(8); // ~1,100 characters each: the live message shows less than a full part
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(700));

        bot.telegram.groupText(GROUP, ALICE, "/ask write a lot");

        bot.awaitSent(GROUP, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.telegram.sentTo(GROUP).getFirst().text().startsWith("Part 1")
                && bot.telegram.sentTo(GROUP).size() == 3);
        List<FakeTelegram.Sent> sent = bot.telegram.sentTo(GROUP);
        assertThat(sent.stream().map(FakeTelegram.Sent::text).collect(Collectors.joining("\n\n"))).isEqualTo(answer);
        assertThat(bot.telegram.edits()).isNotEmpty()
                .allSatisfy(edit -> assertThat(edit.messageId()).isEqualTo(sent.getFirst().messageId()));
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    @BotEnv("BOT_ANSWER_FORMAT=rich")
    void with_rich_answers_the_live_message_becomes_a_rich_message() {
        String answer = "| n | square |\n|---|---|\n" + IntStream.rangeClosed(1, 12)
                .mapToObj(i -> "| " + i + " | " + i * i + " |").collect(Collectors.joining("\n"));
        bot.gemini.answerWith(request -> answer);
        bot.gemini.streamInPieces(4);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(700));

        bot.telegram.groupText(GROUP, ALICE, "/ask squares");

        await().atMost(Duration.ofSeconds(20)).until(() -> bot.telegram.edits().stream().anyMatch(FakeTelegram.Edit::rich));
        assertThat(bot.telegram.sentTo(GROUP)).singleElement()
                .satisfies(message -> assertThat(message.text()).isEqualTo(answer));
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    @BotEnv("BOT_GROUP_LIVE_ANSWERS=false")
    void turned_off_a_group_gets_the_complete_answer_only() throws InterruptedException {
        bot.gemini.streamInPieces(4);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(400));

        bot.telegram.groupText(GROUP, ALICE, "/ask in a group");

        assertThat(bot.awaitSent(GROUP, 1).getFirst().text()).isEqualTo("Answer to: in a group");
        bot.settle();
        assertThat(bot.telegram.edits()).isEmpty();
        assertThat(bot.gemini.streamedRequests()).isZero();
    }

    private static String lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "Line " + i + " of the answer.")
                .collect(Collectors.joining("\n\n"));
    }
}
