package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.LogCapture;
import dev.geminibot.testbed.FakeGemini.Reply;
import dev.geminibot.testbed.FakeTelegram.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static dev.geminibot.testbed.MetricsPage.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health and metrics server, scraped over HTTP while the bot talks to the fakes. */
class HealthAndMetricsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_HTTP_PORT", "0", "GEMINI_RETRY_BACKOFF", "10ms");

    @Test
    void metrics_count_updates_answers_gemini_calls_and_tokens_of_a_conversation() throws Exception {
        bot.ask(ALICE, "hello");
        bot.ask(ALICE, "/help");
        bot.ask(BOB, "hi there");

        String metrics = get("/metrics").body();

        assertThat(value(metrics, "bot_updates_total{kind=\"ask\"}")).isEqualTo(2);
        assertThat(value(metrics, "bot_updates_total{kind=\"command\"}")).isEqualTo(1);
        assertThat(value(metrics, "bot_answers_sent_total")).isEqualTo(2);
        assertThat(value(metrics, "bot_answer_latency_seconds_count")).isEqualTo(2);
        assertThat(value(metrics, "bot_gemini_calls_seconds_count{outcome=\"ok\"}")).isEqualTo(2);
        assertThat(value(metrics, "bot_gemini_tokens_total{direction=\"in\"}")).isEqualTo(20); // the fake: 10 in, 5 out
        assertThat(value(metrics, "bot_gemini_tokens_total{direction=\"out\"}")).isEqualTo(10);
        assertThat(value(metrics, "bot_telegram_calls_total{method=\"sendmessage\",outcome=\"ok\"}")).isEqualTo(3);
        assertThat(value(metrics, "bot_telegram_calls_total{method=\"getUpdates\",outcome=\"ok\"}")).isPositive();
        assertThat(metrics).contains("bot_lanes_active ", "bot_gemini_waiting ", "bot_inbox_pending ",
                "bot_answer_latency_seconds_bucket{le=");
        assertThat(metrics).doesNotContain("hello", "hi there");
    }

    @Test
    void livez_is_ok_and_readyz_is_ok_once_a_poll_succeeded() throws Exception {
        bot.ask(ALICE, "hello"); // at least one getUpdates has returned

        assertThat(get("/livez")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
        });
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void livez_answers_the_bare_http_1_0_request_of_the_docker_healthcheck() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bot.httpPort().orElseThrow())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /livez HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).matches("HTTP/1\\.[01] 200 .*"); // what the HEALTHCHECK greps for: " 200 "
        }
    }

    @Test
    void readyz_is_503_with_the_reason_when_telegram_refuses_polling() throws Exception {
        bot.ask(ALICE, "hello");
        bot.telegram.failNext("getUpdates", 1000, new Fault(409, "Conflict: terminated by other getUpdates request", null));
        bot.telegram.privateText(BOB, "wake the long poll"); // it returns this; the next poll gets the 409

        await().atMost(Duration.ofSeconds(60)).until(() -> get("/readyz").statusCode() == 503);
        assertThat(get("/readyz").body()).isEqualTo(
                "Telegram refuses getUpdates: 409 Conflict: terminated by other getUpdates request\n");
        assertThat(get("/livez").statusCode()).isEqualTo(200); // alive: restarting would not help
    }

    @Test
    void readyz_is_503_while_gemini_fails_every_call_and_ok_again_after_an_answer() throws Exception {
        bot.gemini.respondWith(request -> Reply.error(503, "UNAVAILABLE", "The model is overloaded."));
        bot.ask(ALICE, "hello"); // three tries, all failed

        HttpResponse<String> failing = get("/readyz");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).startsWith("Gemini failed the last 3 calls (");
        assertThat(value(get("/metrics").body(), "bot_gemini_calls_seconds_count{outcome=\"error\"}")).isEqualTo(3);

        bot.gemini.respondWith(request -> Reply.text("fine again"));
        bot.ask(ALICE, "hello again");

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    @BotEnv("BOT_STREAMING=true")
    void a_streamed_answer_counts_its_tokens_in_the_metrics_and_its_log_line() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            bot.ask(ALICE, "stream this");

            await().until(() -> logs.count("Handled chat " + ALICE) == 1);
            assertThat(logs.messages()).filteredOn(line -> line.startsWith("Handled chat " + ALICE)).singleElement()
                    .satisfies(line -> assertThat(line).matches("Handled chat " + ALICE + " user " + ALICE
                            + " \\(ask\\) in \\d+ ms, 15 tokens \\(10 in, 5 out\\)")); // from the stream's last event
        }
        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        String metrics = get("/metrics").body();
        assertThat(value(metrics, "bot_gemini_tokens_total{direction=\"in\"}")).isEqualTo(10);
        assertThat(value(metrics, "bot_gemini_tokens_total{direction=\"out\"}")).isEqualTo(5);
    }

    @Test
    void the_inbox_gauge_counts_requests_recorded_and_not_yet_answered() throws Exception {
        java.util.concurrent.CountDownLatch geminiAnswers = new java.util.concurrent.CountDownLatch(1);
        bot.gemini.respondWith(request -> {
            geminiAnswers.await();
            return Reply.text("at last");
        });
        bot.telegram.privateText(ALICE, "slow one");
        bot.telegram.privateText(BOB, "slow two");

        await().until(() -> value(get("/metrics").body(), "bot_inbox_pending") == 2);
        geminiAnswers.countDown();
        bot.awaitSent(ALICE, 1);
        bot.awaitSent(BOB, 1);

        await().until(() -> value(get("/metrics").body(), "bot_inbox_pending") == 0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + bot.httpPort().orElseThrow() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
