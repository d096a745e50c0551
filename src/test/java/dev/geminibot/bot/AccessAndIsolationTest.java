package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessAndIsolationTest {
    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void many_interleaved_users_never_see_each_others_context() throws Exception {
        int users = 25;
        int rounds = 4;
        for (int round = 1; round <= rounds; round++) {
            for (long user = 1; user <= users; user++) {
                bot.telegram.privateText(user, "user" + user + " round" + round);
            }
            int expected = round;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (long user = 1; user <= users; user++) {
                    if (bot.telegram.sentTo(user).size() < expected) {
                        return false;
                    }
                }
                return true;
            });
        }

        assertThat(bot.gemini.requests()).hasSize(users * rounds).allSatisfy(request -> {
            String owner = request.lastUserText().split(" ")[0] + " ";
            assertThat(request.userTexts()).allMatch(text -> text.startsWith(owner));
            assertThat(request.turns()).filteredOn(turn -> turn.role().equals("model"))
                    .allMatch(turn -> turn.text().startsWith("Answer to: " + owner));
        });
        assertThat(bot.gemini.requestFor("user7 round4").userTexts())
                .containsExactly("user7 round1", "user7 round2", "user7 round3", "user7 round4");
    }

    @Test
    void a_slow_answer_for_one_user_does_not_delay_another() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        bot.gemini.respondWith(request -> {
            if (request.lastUserText().equals("slow")) {
                release.await(30, TimeUnit.SECONDS);
            }
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });

        bot.telegram.privateText(1, "slow");
        await().until(() -> bot.gemini.requests().size() == 1);
        String fast = bot.ask(2, "fast");

        assertThat(fast).isEqualTo("Answer to: fast");
        assertThat(bot.telegram.sentTo(1)).isEmpty();
        release.countDown();
        assertThat(bot.awaitSent(1, 1).get(0).text()).isEqualTo("Answer to: slow");
    }

    @Test
    @BotEnv({"BOT_ALLOWED_USERS=1001, 1003"})
    void users_outside_the_allowlist_get_one_polite_refusal_and_nothing_reaches_gemini() throws Exception {

        bot.telegram.privateText(666, "let me in");
        bot.telegram.privateText(666, "please");
        String allowed = bot.ask(1001, "I am allowed");
        bot.settle();

        assertThat(allowed).isEqualTo("Answer to: I am allowed");
        assertThat(bot.telegram.sentTo(666)).extracting(FakeTelegram.Sent::text)
                .containsExactly("Sorry, this bot is private and you are not on its list of users.");
        assertThat(bot.gemini.requests()).extracting(FakeGemini.Request::lastUserText).containsExactly("I am allowed");
    }
}
