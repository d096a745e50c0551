package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.Chats;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged entry point as an operator runs it: a separate JVM, signals, exit codes, its whole output. */
class BotProcessTest {
    @RegisterExtension
    final BotExtension fakes = BotExtension.fakesOnly(); // its fake servers and environment; the bot runs as a process

    @Test
    void remembers_answered_exchanges_after_sigkill_and_stops_cleanly_on_sigterm() throws Exception {
        StringBuilder allOutput = new StringBuilder();
        try (BotProcess first = BotProcess.started(fakes.environment())) {
            fakes.ask(ALICE, "my name is Alice");
            fakes.ask(ALICE, "I live in Lyon");
            fakes.gemini.respondWith(request -> FakeGemini.Reply.error(400, "INVALID_ARGUMENT",
                    "API key not valid: " + FakeGemini.KEY + " for bot " + FakeTelegram.TOKEN));
            assertThat(fakes.ask(ALICE, "this request fails")).contains("problem on my side");
            first.awaitOutput("Gemini request for conversation");

            assertThat(first.kill()).isNotZero();
            allOutput.append(first.output());
        }
        fakes.gemini.answerWith(request -> "Answer to: " + request.lastUserText());

        try (BotProcess second = BotProcess.started(fakes.environment())) {
            fakes.ask(ALICE, "where do I live?");
            assertThat(fakes.gemini.requestFor("where do I live?").userTexts())
                    .containsExactly("my name is Alice", "I live in Lyon", "where do I live?");

            try (BotProcess intruder = BotProcess.start(fakes.environment())) {
                assertThat(intruder.awaitExit()).isNotZero();
                assertThat(intruder.output()).contains("is in use by another gemini-telegram-bot process");
                allOutput.append(intruder.output());
            }

            assertThat(second.terminate()).isZero();
            assertThat(second.output()).contains("Stopped");
            allOutput.append(second.output());
        }

        assertThat(allOutput.toString())
                .doesNotContain(FakeTelegram.TOKEN)
                .doesNotContain(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1))
                .doesNotContain(FakeGemini.KEY)
                .contains("API key not valid: ***");
    }

    @Test
    void every_message_gets_exactly_one_answer_when_the_bot_is_killed_with_answers_in_flight() throws Exception {
        int users = 5;
        CountDownLatch geminiResumes = new CountDownLatch(1);
        fakes.gemini.respondWith(request -> {
            if (request.lastUserText().startsWith("slow")) {
                geminiResumes.await(30, TimeUnit.SECONDS);
            }
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });

        try (BotProcess first = BotProcess.started(fakes.environment())) {
            for (long user = 1; user <= users; user++) {
                fakes.ask(user, "fast " + user);
            }
            for (long user = 1; user <= users; user++) {
                fakes.telegram.privateText(user, "slow " + user);
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fakes.gemini.requests().stream().filter(r -> r.lastUserText().startsWith("slow")).count() == users);
            // Telegram has been told it may forget them: only the bot's own inbox still knows these messages.
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.unconfirmedUpdates() == 0);

            first.kill();
        }
        geminiResumes.countDown();

        try (BotProcess second = BotProcess.started(fakes.environment())) {
            for (long user = 1; user <= users; user++) {
                fakes.ask(user, "after " + user); // answered after anything still owed to this user
            }
            for (long user = 1; user <= users; user++) {
                assertThat(fakes.telegram.sentTo(user)).extracting(FakeTelegram.Sent::text).containsExactly(
                        "Answer to: fast " + user, "Answer to: slow " + user, "Answer to: after " + user);
                assertThat(fakes.gemini.requestFor("after " + user).userTexts())
                        .containsExactly("fast " + user, "slow " + user, "after " + user);
            }
            assertThat(second.output()).contains("Finishing " + users + " request(s) left over from the last run");
            assertThat(second.terminate()).isZero();
        }
    }

    @Test
    void replies_still_waiting_for_the_flood_limits_at_sigterm_are_delivered_after_the_restart() throws Exception {
        long group = Chats.GROUP;
        int members = 8; // the group limit (20 a minute) lets 3 replies out at once, then one every ~5 s
        List<String> expected = new ArrayList<>();
        String firstOutput;

        try (BotProcess first = BotProcess.started(fakes.environment())) {
            for (long member = 1; member <= members; member++) {
                fakes.telegram.groupText(group, member, "/ask question " + member);
                expected.add("Answer to: question " + member);
            }
            // Gemini answers at once, so every reply is recorded and most are queued behind the group's limit
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.gemini.requests().size() == members);
            fakes.awaitSent(group, 1);

            assertThat(first.terminate()).isZero(); // the 10 s grace lets about 2 more out; the rest must wait
            firstOutput = first.output();
        }
        assertThat(fakes.telegram.sentTo(group)).hasSizeLessThan(members); // the stop really cut replies short

        try (BotProcess second = BotProcess.started(fakes.environment())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.sentTo(group).size() >= members);

            assertThat(fakes.telegram.sentTo(group)).extracting(FakeTelegram.Sent::text)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fakes.gemini.requests()).hasSize(members); // recorded replies are sent, not asked again
            assertThat(second.output()).contains("left over from the last run");
            assertThat(second.terminate()).isZero();
        }
        assertThat(firstOutput).contains("Stopped").doesNotContain("refused").doesNotContain("InterruptedException");
    }

    @Test
    void a_batch_recorded_but_not_confirmed_when_the_bot_dies_after_ids_restarted_is_answered_once() throws Exception {
        CountDownLatch geminiResumes = new CountDownLatch(1);
        fakes.gemini.respondWith(request -> {
            if (request.lastUserText().startsWith("slow")) {
                geminiResumes.await(30, TimeUnit.SECONDS);
            }
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });

        try (BotProcess first = BotProcess.started(fakes.environment())) {
            fakes.ask(ALICE, "before");
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.unconfirmedUpdates() == 0);
            fakes.telegram.restartIdsAt(5_000); // the stored watermark is now far above Telegram's ids
            // the poll in flight takes the next message; every poll after it, which would confirm it, fails
            fakes.telegram.failNext("getUpdates", 1_000, new FakeTelegram.Fault(502, "Bad Gateway", null));
            fakes.telegram.privateText(ALICE, "slow question");
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.gemini.requests().stream()
                    .anyMatch(r -> r.lastUserText().equals("slow question")));
            // a poll after the batch means consume returned: the request is recorded, and Telegram still has it
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.polls().stream()
                    .anyMatch(poll -> poll.fault() != null));
            first.kill();
        }
        fakes.telegram.clearFaults("getUpdates");
        geminiResumes.countDown();
        assertThat(fakes.telegram.unconfirmedUpdates()).isEqualTo(1);

        try (BotProcess second = BotProcess.started(fakes.environment())) {
            fakes.telegram.privateText(ALICE, "after");
            fakes.awaitSent(ALICE, 3);
            assertThat(fakes.gemini.requestFor("after").userTexts()).containsExactly("before", "slow question", "after");
            assertThat(fakes.telegram.sentTo(ALICE)).extracting(FakeTelegram.Sent::text)
                    .containsExactly("Answer to: before", "Answer to: slow question", "Answer to: after");
            // the stored offset followed the ids down, so Telegram was told at once and sent nothing twice
            assertThat(second.output()).doesNotContain("ignoring the re-delivery");
            assertThat(second.terminate()).isZero();
        }
    }

    @Test
    void a_missing_token_stops_the_start_with_one_clear_line() throws Exception {
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.remove("TELEGRAM_BOT_TOKEN");

        try (BotProcess bot = BotProcess.start(environment)) {
            assertThat(bot.awaitExit()).isNotZero();
            assertThat(bot.output().strip()).isEqualTo(
                    "gemini-telegram-bot: TELEGRAM_BOT_TOKEN is not set: it must hold the token @BotFather gave you");
        }
    }

    @Test
    void a_secret_pasted_into_the_wrong_setting_is_not_printed_with_the_start_up_error() throws Exception {
        Map<String, String> misplaced = Map.of(
                "TELEGRAM_API_URL", "http://127.0.0.1:1/bot" + FakeTelegram.TOKEN,
                "GEMINI_MAX_ATTEMPTS", FakeGemini.KEY);

        for (String variable : misplaced.keySet()) {
            Map<String, String> oneBadSetting = new HashMap<>(fakes.environment());
            oneBadSetting.put(variable, misplaced.get(variable));
            try (BotProcess bot = BotProcess.start(oneBadSetting)) {
                assertThat(bot.awaitExit()).isNotZero();
                assertThat(bot.output().strip()).startsWith("gemini-telegram-bot: Invalid setting " + variable)
                        .doesNotContain(FakeTelegram.TOKEN).doesNotContain(FakeGemini.KEY).contains("***");
            }
        }
    }

    @Test
    void an_invalid_setting_stops_the_start_with_one_line_naming_it() throws Exception {
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.put("BOT_MEMORY_EXCHANGES", "-1");

        try (BotProcess bot = BotProcess.start(environment)) {
            assertThat(bot.awaitExit()).isNotZero();
            assertThat(bot.output().strip()).isEqualTo("gemini-telegram-bot: Invalid setting BOT_MEMORY_EXCHANGES "
                    + "(bot.memory-exchanges): must be a whole number >= 0, got '-1'");
        }
    }
}
