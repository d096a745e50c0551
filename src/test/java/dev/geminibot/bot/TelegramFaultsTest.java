package dev.geminibot.bot;

import ch.qos.logback.classic.Level;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeTelegram.Fault;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TelegramFaultsTest {

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("TELEGRAM_RETRY_BACKOFF", "10ms");
    private final LogCapture logs = new LogCapture();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void flood_control_429_waits_retry_after_and_the_answer_still_arrives() {
        bot.telegram.failNext("sendMessage", 1, new Fault(429, "Too Many Requests: retry after 1", 1));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(logs.count("retry 1 in 1000 ms")).isEqualTo(1);
    }

    @Test
    void server_errors_and_dropped_connections_on_send_are_retried() {
        bot.telegram.failNext("sendMessage", 2, new Fault(502, "Bad Gateway", null));
        bot.telegram.failNext("sendMessage", 1, Fault.dropConnection());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.telegram.sentTo(ALICE)).hasSize(1);
    }

    @Test
    void an_html_error_page_from_a_proxy_is_retried_and_the_answer_arrives() {
        bot.telegram.failNext("sendMessage", 2, Fault.nginxBadGateway());

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(bot.telegram.sentTo(ALICE)).hasSize(1);
        assertThat(logs.count("refused a message")).isZero();
    }

    @Test
    void a_success_status_without_a_bot_api_body_is_retried_and_the_answer_arrives() {
        bot.telegram.failNext("sendMessage", 1, Fault.rawBody(200, "application/json", ""));
        bot.telegram.failNext("sendMessage", 1, Fault.rawBody(200, "application/json", "{\"ok\":true,\"result\":{\"message_id\":"));
        bot.telegram.failNext("sendMessage", 1, Fault.rawBody(200, "text/plain", "Service temporarily unavailable"));
        bot.telegram.failNext("sendMessage", 1, Fault.rawBody(200, "application/json", "{}"));

        assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
        assertThat(logs.count("refused a message")).isZero();
    }

    @Test
    void polling_survives_server_and_network_errors() {
        bot.telegram.failNext("getUpdates", 2, new Fault(500, "Internal Server Error", null));
        bot.telegram.failNext("getUpdates", 1, Fault.dropConnection());
        bot.ask(ALICE, "wake the poll in flight"); // the faults hit the polls after it

        assertThat(bot.ask(ALICE, "still there?")).isEqualTo("Answer to: still there?");
        assertThat(bot.telegram.methodsCalled().stream().filter("getupdates"::equals).count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void flood_control_429_on_getUpdates_waits_retry_after_before_the_next_poll() {
        bot.telegram.failNext("getUpdates", 1, new Fault(429, "Too Many Requests: retry after 1", 1));
        bot.ask(ALICE, "wake the poll in flight"); // the fault hits the poll after it

        assertThat(bot.ask(ALICE, "after the pause")).isEqualTo("Answer to: after the pause");
        List<FakeTelegram.Poll> polls = bot.telegram.polls();
        int refused = polls.indexOf(polls.stream().filter(poll -> poll.fault() != null).findFirst().orElseThrow());
        assertThat(Duration.ofNanos(polls.get(refused + 1).nanos() - polls.get(refused).nanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(logs.count("Telegram asks the bot to poll less often")).isEqualTo(1);
    }

    @Test
    void a_proxy_error_page_and_a_502_on_getUpdates_are_retried_with_one_line_and_no_stack_trace() {
        bot.telegram.failNext("getUpdates", 1, Fault.htmlPage(502,
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"));
        bot.telegram.failNext("getUpdates", 1, new Fault(502, "Bad Gateway", null));
        bot.ask(ALICE, "wake the poll in flight"); // the faults hit the polls after it

        assertThat(bot.ask(ALICE, "still there?")).isEqualTo("Answer to: still there?");
        assertThat(logs.events()).noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(logs.events()).noneMatch(event -> event.getLevel() == Level.ERROR);
        assertThat(logs.count("Telegram answered getUpdates with 502")).isEqualTo(1);
        assertThat(logs.count("Polling Telegram works again")).isEqualTo(1);
    }

    @Test
    void a_parse_error_resends_the_same_text_as_plain_text() {
        bot.gemini.answerWith(request -> "**bold** answer");
        bot.telegram.failNext("sendMessage", 1, new Fault(400,
                "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0", null));

        bot.telegram.privateText(ALICE, "format me");
        FakeTelegram.Sent sent = bot.awaitSent(ALICE, 1).get(0);

        assertThat(sent.text()).isEqualTo("bold answer");
        assertThat(sent.html()).isNull();
    }

    @Test
    void a_chat_that_blocked_the_bot_is_logged_once_and_others_are_served() throws Exception {
        bot.telegram.failNext("sendMessage", 1, new Fault(403, "Forbidden: bot was blocked by the user", null));

        bot.telegram.privateTextsInOneBatch(ALICE, "one", "two", "three");
        bot.settle();
        assertThat(bot.ask(BOB, "hi")).isEqualTo("Answer to: hi");

        assertThat(logs.count("bot was blocked by the user")).isEqualTo(1);
        assertThat(bot.telegram.sentTo(ALICE)).isEmpty();
        assertThat(bot.gemini.requests()).extracting(r -> r.lastUserText()).containsExactly("one", "hi");
    }

    @Test
    void conflict_409_on_polling_gets_one_clear_log_line_and_polling_resumes() {
        bot.telegram.failNext("getUpdates", 3, new Fault(409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", null));

        bot.ask(ALICE, "wake the poll in flight"); // the faults hit the polls after it

        await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("another process is polling") == 1);
        assertThat(bot.ask(ALICE, "back?")).isEqualTo("Answer to: back?");
        assertThat(logs.count("another process is polling")).isEqualTo(1);
    }
}
