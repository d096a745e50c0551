package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini.Reply;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GeminiFaultsTest {
    private static final String UNAVAILABLE = "Gemini is unavailable right now. Please try again in a little while.";

    // one Gemini slot: a request that never gave its slot back would keep every later one waiting
    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("GEMINI_RETRY_BACKOFF", "10ms", "GEMINI_TIMEOUT", "1s",
            "GEMINI_MAX_CONCURRENCY", "1");
    private final LogCapture logs = new LogCapture();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void releaseHangingCalls() {
        never.countDown();
        logs.close();
    }

    private void failFirst(int times, Reply failure) {
        AtomicInteger calls = new AtomicInteger();
        bot.gemini.respondWith(request -> calls.incrementAndGet() <= times
                ? failure : Reply.text("Answer to: " + request.lastUserText()));
    }

    @Test
    void rate_limit_429_waits_the_retry_delay_gemini_asks_for_then_answers() {
        failFirst(2, Reply.rateLimited("0.2s"));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.gemini.requests()).hasSize(3);
        assertThat(logs.count("retry 1 in 200 ms")).isEqualTo(1);
    }

    @Test
    void rate_limit_429_that_outlasts_the_tries_tells_the_user_when_to_come_back() {
        bot.gemini.respondWith(request -> Reply.rateLimited("0.3s"));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Gemini is busy right now. Please try again in 1 second.");
        assertThat(bot.gemini.requests()).hasSize(3);
    }

    @Test
    void rate_limit_429_with_a_long_delay_is_not_waited_for() {
        bot.gemini.respondWith(request -> Reply.rateLimited("42s"));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Gemini is busy right now. Please try again in 42 seconds.");
        assertThat(bot.gemini.requests()).hasSize(1);
    }

    @Test
    void server_errors_are_retried_with_backoff_then_reported_as_unavailable() {
        bot.gemini.respondWith(request -> Reply.error(503, "UNAVAILABLE", "The model is overloaded."));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Gemini is unavailable right now. Please try again in a little while.");
        assertThat(bot.gemini.requests()).hasSize(3);

        bot.gemini.answerWith(request -> "fine again");
        assertThat(bot.ask(ALICE, "and now?")).isEqualTo("fine again");
        assertThat(bot.gemini.requestFor("and now?").userTexts()).containsExactly("and now?");
    }

    @Test
    void a_dropped_connection_is_retried() {
        failFirst(1, Reply.dropConnection());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
    }

    @Test
    void a_request_that_outlives_the_timeout_is_abandoned_and_not_retried_past_it() {
        AtomicInteger calls = new AtomicInteger();
        bot.gemini.respondWith(request -> {
            if (calls.incrementAndGet() <= 3) {
                never.await(10, TimeUnit.SECONDS); // hang past GEMINI_TIMEOUT
            }
            return Reply.text("late");
        });

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Gemini is unavailable right now. Please try again in a little while.");
        assertThat(calls.get()).isEqualTo(1); // GEMINI_TIMEOUT, not attempts x timeout
    }

    @Test
    void a_body_that_stalls_after_the_headers_is_timed_out_and_gives_its_slot_back() {
        bot.gemini.respondWith(request -> Reply.stallAfterHeaders());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        assertThat(bot.gemini.requests()).hasSize(1); // the timeout is spent: no retry

        bot.gemini.answerWith(request -> "fine again");
        assertThat(bot.ask(BOB, "and now?")).isEqualTo("fine again");
        assertThat(bot.ask(ALICE, "and me?")).isEqualTo("fine again");
    }

    @Test
    void a_body_that_drips_forever_does_not_outlive_the_timeout_and_is_hung_up() {
        bot.gemini.respondWith(request -> Reply.dripAfterHeaders());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(UNAVAILABLE);
        assertThat(bot.gemini.requests()).hasSize(1); // the timeout is spent: no retry
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.gemini.drippingResponses() == 0);
    }

    @Test
    void an_empty_or_malformed_200_is_retried_then_reported_unavailable_not_declined() {
        List<String> bodies = List.of(
                "{}",
                "{\"candidates\":[]}",
                "{\"candidates\":[{\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3}}",
                "{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":3}}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"no finish reason\"}]}}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":3}}",
                "<html><body>502 Bad Gateway</body></html>");
        for (String body : bodies) {
            int before = bot.gemini.requests().size();
            bot.gemini.respondWith(request -> Reply.raw(body));

            assertThat(bot.ask(ALICE, "question")).as(body).isEqualTo(UNAVAILABLE);
            assertThat(bot.gemini.requests().size() - before).as(body).isEqualTo(3);
        }
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void an_answer_that_shows_nothing_once_formatted_gets_a_note_and_is_not_remembered() {
        for (String answer : List.of("\u2003\u00a0", "```\n```", "[](javascript:alert(1))", "   ")) {
            bot.gemini.answerWith(request -> answer);

            assertThat(bot.ask(ALICE, "question")).as(answer)
                    .isEqualTo("Gemini answered with an empty message. Please rephrase your question.");
        }
        bot.gemini.answerWith(request -> "something");
        bot.ask(ALICE, "next");
        assertThat(bot.gemini.requestFor("next").turns()).extracting(FakeGemini.Turn::role).containsExactly("user");
    }

    @Test
    void a_bad_key_is_not_retried_the_user_gets_a_neutral_reply_and_the_operator_a_hint() {
        bot.gemini.respondWith(request -> Reply.error(400, "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key."));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo(
                "I can't reach Gemini because of a problem on my side. The operator has been told.");
        assertThat(bot.gemini.requests()).hasSize(1);
        assertThat(logs.messages()).anyMatch(line -> line.contains("set GEMINI_API_KEY to a valid key"));
        assertThat(String.join("\n", logs.messages())).doesNotContain(FakeGemini.KEY);
    }

    @Test
    void permission_denied_is_not_retried_and_names_the_model() {
        bot.gemini.respondWith(request -> Reply.error(403, "PERMISSION_DENIED", "Permission denied."));

        assertThat(bot.ask(ALICE, "hello")).contains("problem on my side");
        assertThat(bot.gemini.requests()).hasSize(1);
        assertThat(logs.messages()).anyMatch(line -> line.contains("no access") && line.contains("gemini-2.5-flash"));
    }

    @Test
    void a_blocked_prompt_is_declined_and_not_remembered() {
        bot.gemini.respondWith(request -> Reply.blockedPrompt("SAFETY"));

        assertThat(bot.ask(ALICE, "bad words")).isEqualTo("Gemini declined to answer that. Please rephrase your message.");
        assertThat(bot.gemini.requests()).hasSize(1);
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void safety_recitation_and_prohibited_content_finishes_are_declined() {
        for (String reason : new String[] {"SAFETY", "RECITATION", "PROHIBITED_CONTENT"}) {
            bot.gemini.respondWith(request -> Reply.finished("partial text", reason));
            assertThat(bot.ask(ALICE, "q " + reason)).startsWith("Gemini declined");
        }
        assertThat(bot.ask(ALICE, "/history")).contains("don't remember anything");
    }

    @Test
    void an_answer_cut_at_max_tokens_is_sent_with_a_note() {
        bot.gemini.respondWith(request -> Reply.finished("The beginning of a long", "MAX_TOKENS"));

        FakeTelegram.Sent sent = sentFor("tell me everything");

        assertThat(sent.text()).isEqualTo("The beginning of a long\n\n"
                + "[The answer was cut short because it reached Gemini's length limit.]");
        assertThat(bot.ask(ALICE, "/history")).contains("The beginning of a long");
    }

    private FakeTelegram.Sent sentFor(String question) {
        int before = bot.telegram.sentTo(ALICE).size();
        bot.telegram.privateText(ALICE, question);
        return bot.awaitSent(ALICE, before + 1).get(before);
    }
}
