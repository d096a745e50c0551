package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** BOT_STREAMING=true: private chats see the answer as it is written (sendMessageDraft), then the message. */
class StreamingTest {
    private static final String UNAVAILABLE = "Gemini is unavailable right now. Please try again in a little while.";

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_STREAMING", "true", "GEMINI_RETRY_BACKOFF", "10ms",
            "GEMINI_TIMEOUT", "2s", "GEMINI_MAX_CONCURRENCY", "1");

    @BeforeEach
    void streamSlowly() {
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(200));
    }

    @Test
    void a_private_answer_is_previewed_while_written_then_sent_complete_and_remembered() {
        String answer = "Paris is the **capital** of France, on the Seine, with about two million inhabitants.";
        bot.gemini.answerWith(request -> answer);

        String sent = bot.ask(ALICE, "capital of France?");

        assertThat(sent).isEqualTo("Paris is the capital of France, on the Seine, with about two million inhabitants.");
        List<FakeTelegram.Draft> drafts = bot.telegram.drafts();
        assertThat(drafts).isNotEmpty().allSatisfy(draft -> {
            assertThat(draft.chatId()).isEqualTo(ALICE);
            assertThat(sent).startsWith(draft.text().strip());
        });
        assertThat(drafts).extracting(FakeTelegram.Draft::draftId).containsOnly(drafts.getFirst().draftId());
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.ask(ALICE, "/history")).contains("Gemini: " + sent);
        assertThat(bot.telegram.rejected()).isEmpty();
    }

    @Test
    void group_answers_are_not_streamed() {
        bot.telegram.groupText(GROUP, ALICE, "/ask in a group");

        assertThat(bot.awaitSent(GROUP, 1).getFirst().text()).isEqualTo("Answer to: in a group");
        assertThat(bot.telegram.drafts()).isEmpty();
        assertThat(bot.gemini.streamedRequests()).isZero();
    }

    @Test
    void a_stream_that_fails_before_any_text_is_asked_again_without_streaming() {
        AtomicInteger calls = new AtomicInteger();
        bot.gemini.respondWith(request -> calls.incrementAndGet() == 1
                ? FakeGemini.Reply.error(503, "UNAVAILABLE", "overloaded")
                : FakeGemini.Reply.text("Answer to: " + request.lastUserText()));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.gemini.requests()).hasSize(2);
    }

    @Test
    void a_blocked_prompt_is_declined_when_streaming_too() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.blockedPrompt("SAFETY"));

        assertThat(bot.ask(ALICE, "bad")).isEqualTo("Gemini declined to answer that. Please rephrase your message.");
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void a_stream_that_stalls_after_its_headers_is_abandoned_then_asked_again_without_streaming() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.stallAfterHeaders());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.gemini.requests()).hasSize(4); // the stream, then GEMINI_MAX_ATTEMPTS without streaming

        bot.gemini.answerWith(request -> "fine again"); // the only Gemini slot was given back
        assertThat(bot.ask(ALICE, "and now?")).isEqualTo("fine again");
    }

    @Test
    void keep_alive_comments_do_not_keep_a_stream_alive_and_the_stream_is_hung_up() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.dripAfterHeaders());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.gemini.drippingResponses() == 0);
    }

    @Test
    void a_stream_that_ends_without_a_finish_reason_is_sent_as_cut_off_and_not_remembered() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.unfinished("The beginning of an answer that goes"));

        assertThat(bot.ask(ALICE, "tell me")).isEqualTo("The beginning of an answer that goes\n\n"
                + "[The answer was cut off: the connection to Gemini ended before it finished. Ask again for all of it.]");

        bot.gemini.answerWith(request -> "ok");
        bot.ask(ALICE, "next");
        assertThat(bot.gemini.requestFor("next").turns()).extracting(FakeGemini.Turn::role).containsExactly("user");
    }

    @Test
    void an_empty_stream_is_asked_again_without_streaming_and_is_a_fault_not_a_refusal() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.raw("{}"));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.gemini.requests()).hasSize(4);
    }
}
