package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bot at its limits: Telegram's flood limits and the Gemini queue. */
class LoadLimitsTest {
    @RegisterExtension
    final BotExtension bot = BotExtension.started();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseWaitingCalls() {
        release.countDown();
    }

    @Test
    void a_burst_of_200_answers_is_paced_inside_telegrams_limits_with_no_429_and_none_lost() throws Exception {
        bot.telegram.enforceFloodLimits();
        int users = 200;

        for (long user = 1; user <= users; user++) {
            bot.telegram.privateText(user, "burst " + user);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> bot.telegram.sent().size() == users);

        assertThat(bot.telegram.tooManyRequests()).isZero();
        for (long user = 1; user <= users; user++) {
            assertThat(bot.telegram.sentTo(user)).extracting(s -> s.text()).containsExactly("Answer to: burst " + user);
        }
    }

    @Test
    @BotEnv({"GEMINI_MAX_CONCURRENCY=1", "GEMINI_MAX_QUEUE=1"})
    void requests_beyond_the_gemini_queue_bound_are_told_busy_instead_of_waiting() throws Exception {
        bot.gemini.respondWith(request -> {
            release.await(30, TimeUnit.SECONDS);
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });

        bot.telegram.privateText(1, "in flight");
        await().until(() -> bot.gemini.requests().size() == 1);
        bot.telegram.privateText(2, "wants the one queue place");
        bot.telegram.privateText(3, "wants it too");

        // users 2 and 3 race for the single queue place: whichever loses is told at once
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.telegram.sent().size() == 1);
        FakeTelegram.Sent refused = bot.telegram.sent().getFirst();
        assertThat(refused.chatId()).isIn(2L, 3L);
        assertThat(refused.text()).isEqualTo("Gemini is busy right now. Please try again in a minute.");
        long queued = refused.chatId() == 2 ? 3 : 2;
        release.countDown();
        assertThat(bot.awaitSent(1, 1).get(0).text()).isEqualTo("Answer to: in flight");
        assertThat(bot.awaitSent(queued, 1).get(0).text()).startsWith("Answer to: want");
    }
}
