package dev.geminibot.telegram.outbound;

import dev.geminibot.support.Backoff;
import dev.geminibot.testbed.FakeTelegram.Fault;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link TelegramCalls} through the real telegrambots client against the fake Bot API, with a small try limit. */
class TelegramCallsTest {
    private static final int ATTEMPTS = 2;

    private final FakeTelegram telegram = new FakeTelegram();
    private final TelegramCalls calls = new TelegramCalls(
            new OkHttpTelegramClient(FakeTelegram.TOKEN, TelegramEndpoint.of(URI.create(telegram.apiUrl()))),
            ATTEMPTS, new Backoff(Duration.ofMillis(10)));

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void flood_control_is_waited_out_however_many_times_it_repeats() throws Exception {
        telegram.failNext("sendMessage", ATTEMPTS + 1, new Fault(429, "Too Many Requests: retry after 1", 1));

        Message sent = calls.execute(hello());

        assertThat(sent.getText()).isEqualTo("hello");
        assertThat(telegram.sentTo(ALICE)).extracting(FakeTelegram.Sent::text).containsExactly("hello");
    }

    @Test
    void other_transient_failures_keep_their_bounded_tries() {
        telegram.failNext("sendMessage", ATTEMPTS, Fault.nginxBadGateway());

        assertThatThrownBy(() -> calls.execute(hello())).isInstanceOf(TelegramApiRequestException.class);
        assertThat(telegram.sentTo(ALICE)).isEmpty();
    }

    @Test
    void a_refusal_is_not_retried() {
        telegram.failNext("sendMessage", 1, new Fault(400, "Bad Request: message text is empty", null));

        assertThatThrownBy(() -> calls.execute(hello())).isInstanceOf(TelegramApiRequestException.class);
        assertThat(telegram.methodsCalled().stream().filter("sendmessage"::equals)).hasSize(1);
        assertThat(telegram.sentTo(ALICE)).isEmpty();
    }

    @Test
    void a_long_flood_wait_ends_when_the_bot_stops() throws Exception {
        telegram.failNext("sendMessage", 1, new Fault(429, "Too Many Requests: retry after 3600", 3600));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                calls.execute(hello());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> telegram.methodsCalled().contains("sendmessage"));

        caller.interrupt(); // as stopping the bot does

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(telegram.sentTo(ALICE)).isEmpty();
    }

    private static SendMessage hello() {
        return SendMessage.builder().chatId(ALICE).text("hello").build();
    }
}
