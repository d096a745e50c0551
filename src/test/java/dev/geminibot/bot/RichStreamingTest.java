package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rich answers streamed in private chats: rich drafts while Gemini writes, one rich message per part at the
 * end, drafts kept alive through Gemini's pauses, and the Stop button.
 */
class RichStreamingTest {
    private static final Set<String> ANSWER_CALLS = Set.of("sendrichmessagedraft", "sendrichmessage",
            "sendmessagedraft", "sendmessage");

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_STREAMING", "true", "BOT_ANSWER_FORMAT", "rich");

    @Test
    void a_streamed_answer_shows_rich_drafts_then_exactly_one_rich_message() {
        String answer = numberedLines(30);
        bot.gemini.answerWith(request -> answer);
        bot.gemini.streamInPieces(6);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(250));

        bot.ask(ALICE, "count for me");

        List<FakeTelegram.RichDraft> drafts = bot.telegram.richDrafts();
        assertThat(drafts).isNotEmpty().allSatisfy(draft -> {
            assertThat(draft.canStop()).isTrue();
            assertThat(answer).startsWith(draft.markdown().strip());
        });
        assertThat(bot.telegram.richSent()).singleElement()
                .satisfies(message -> assertThat(message.markdown()).isEqualTo(answer));
        // the hand-off: every draft before the one message, none after it (no stale preview over the answer)
        List<String> calls = bot.telegram.methodsCalled().stream().filter(ANSWER_CALLS::contains).toList();
        assertThat(calls.getLast()).isEqualTo("sendrichmessage");
        assertThat(calls.subList(0, calls.size() - 1)).containsOnly("sendrichmessagedraft");
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    @BotEnv("BOT_DRAFT_REFRESH=400ms")
    void a_draft_is_renewed_within_its_lifetime_while_gemini_pauses() {
        // Telegram: about 30 s and 20 s; scaled down here. Renewals count under the flood limits (about one a
        // second in a private chat), so the lifetime stays above that.
        bot.telegram.draftLifetime(Duration.ofSeconds(2));
        bot.gemini.answerWith(request -> numberedLines(8));
        bot.gemini.streamInPieces(3);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(2500)); // longer than a draft lives

        bot.ask(ALICE, "think slowly");

        assertThat(bot.telegram.expiredDrafts()).isZero();
        assertThat(bot.telegram.richDrafts()).hasSizeGreaterThanOrEqualTo(3); // without renewals: 2, 2.5 s apart
        assertThat(bot.telegram.richSent()).hasSize(1);
    }

    @Test
    void stop_cancels_the_gemini_stream_and_keeps_what_was_written_remembered_as_cut() {
        String answer = numberedLines(40);
        bot.gemini.answerWith(request -> answer);
        bot.gemini.streamInPieces(20);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(400));

        bot.telegram.privateText(ALICE, "count slowly");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.telegram.richDrafts().isEmpty());
        bot.telegram.pressStop(ALICE);

        FakeTelegram.RichSent kept = await().atMost(Duration.ofSeconds(10))
                .until(() -> bot.telegram.richSent(), sent -> !sent.isEmpty()).getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.gemini.streamsClosedByClient() == 1);
        String written = kept.markdown().substring(0, kept.markdown().indexOf("\n\n_"));
        assertThat(answer).startsWith(written);
        assertThat(written.length()).isLessThan(answer.length());
        assertThat(kept.markdown()).contains("Stopped");
        bot.gemini.streamInPieces(1);
        bot.ask(ALICE, "go on");
        // remembered: the next question carries the kept text, marked as cut, as Gemini's turn
        String mark = "\n\n[cut: the user stopped this answer]";
        assertThat(bot.gemini.requestFor("go on").turns()).filteredOn(turn -> turn.role().equals("model"))
                .singleElement().satisfies(turn -> {
                    assertThat(turn.text()).endsWith(mark);
                    assertThat(turn.text().substring(0, turn.text().length() - mark.length()).strip()).isEqualTo(written);
                });
        assertThat(bot.telegram.richSent()).hasSize(2);
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    void drafts_count_under_the_flood_limits_with_the_answers() {
        bot.telegram.enforceFloodLimits();
        bot.gemini.answerWith(request -> numberedLines(20) + "\n\nfor " + request.lastUserText());
        bot.gemini.streamInPieces(20);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(100));

        bot.telegram.privateTextsInOneBatch(ALICE, "first", "second", "third");

        await().atMost(Duration.ofSeconds(20)).until(() -> bot.telegram.richSent().size() == 3);
        assertThat(bot.telegram.richDrafts()).isNotEmpty();
        assertThat(bot.telegram.tooManyRequests()).isZero();
        assertThat(bot.telegram.richSent()).extracting(FakeTelegram.RichSent::markdown)
                .allSatisfy(markdown -> assertThat(markdown).startsWith("Line number 1"));
    }

    private static String numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "Line number " + i + " of the answer.")
                .collect(Collectors.joining("\n\n"));
    }
}
