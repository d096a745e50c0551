package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    @BotEnv("BOT_GROUP_LIVE_ANSWERS=false") // GroupLiveAnswersTest: groups see a live message instead of drafts
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
    void a_stream_that_stalls_after_its_headers_is_abandoned_and_reported_once_the_timeout_is_spent() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.stallAfterHeaders());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.gemini.requests()).hasSize(1); // GEMINI_TIMEOUT is spent: no asking again without streaming

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

    @Test
    @BotEnv({"GEMINI_TIMEOUT=30s"}) // the stream takes about 5 s
    void an_answer_longer_than_one_message_keeps_being_previewed_until_it_is_sent() {
        StringBuilder answer = new StringBuilder();
        for (int line = 1; line <= 80; line++) {
            answer.append("Line ").append(line).append(": **some** _formatted_ text, `code` and [a link](https://example.com/")
                    .append(line).append("), and some plain words to make it longer.\n\n");
        }
        bot.gemini.answerWith(request -> answer.toString());
        bot.gemini.streamInPieces(12);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(400));

        bot.telegram.privateText(ALICE, "a long one, please");
        List<FakeTelegram.Sent> sent = bot.awaitSent(ALICE, 2);

        assertThat(sent.getLast().text()).contains("Line 80");
        assertThat(bot.telegram.rejected()).isEmpty();
        List<FakeTelegram.Draft> drafts = bot.telegram.drafts();
        assertThat(drafts).hasSizeGreaterThan(2)
                .allSatisfy(draft -> assertThat(draft.text().length()).isLessThanOrEqualTo(4096));
        assertThat(drafts.getLast().text()).contains("Line 60"); // beyond the first 4096 visible characters
    }

    @Test
    void a_stream_still_flowing_after_the_timeout_is_delivered_whole() {
        StringBuilder answer = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            answer.append("Sentence number ").append(i).append(" of a slowly written answer. ");
        }
        bot.gemini.answerWith(request -> answer.toString().strip());
        bot.gemini.streamInPieces(10);
        bot.gemini.pauseBetweenPieces(Duration.ofMillis(500)); // 5 s in all, GEMINI_TIMEOUT is 2 s

        assertThat(bot.ask(ALICE, "take your time")).isEqualTo(answer.toString().strip());
        assertThat(bot.gemini.requests()).hasSize(1);
        assertThat(bot.ask(ALICE, "/history")).contains("Sentence number 10 of a slowly written answer.");
    }

    @Test
    void a_gemini_that_never_answers_gets_the_unavailable_reply() {
        CountDownLatch never = new CountDownLatch(1);
        bot.gemini.respondWith(request -> {
            never.await(30, TimeUnit.SECONDS); // no headers, nothing
            return FakeGemini.Reply.text("too late");
        });
        try {
            assertThat(bot.ask(ALICE, "hello?")).isEqualTo(UNAVAILABLE);
            assertThat(bot.gemini.requests()).hasSize(1); // the stream used up GEMINI_TIMEOUT: no fallback
        } finally {
            never.countDown();
        }
    }
}
