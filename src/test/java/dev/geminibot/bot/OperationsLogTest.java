package dev.geminibot.bot;

import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OperationsLogTest {
    private final LogCapture logs = new LogCapture(); // before the bot starts: the start-up line is captured too

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void logs_one_info_line_per_answered_message_with_key_kind_latency_and_tokens_but_never_the_text() {
        bot.ask(ALICE, "my very private question");
        bot.ask(ALICE, "/help");

        await().until(() -> logs.count("Handled chat " + ALICE) == 2);
        assertThat(logs.messages()).filteredOn(line -> line.startsWith("Handled chat " + ALICE))
                .satisfiesExactly(
                        line -> assertThat(line).matches("Handled chat " + ALICE + " user " + ALICE
                                + " \\(ask\\) in \\d+ ms, 15 tokens \\(10 in, 5 out\\)"), // the fake's usageMetadata
                        line -> assertThat(line).matches("Handled chat " + ALICE + " user " + ALICE + " \\(command\\) in \\d+ ms"));
        assertThat(logs.messages()).noneMatch(line -> line.contains("my very private question"));
    }

    @Test
    @BotEnv("BOT_SUMMARY_INTERVAL=300ms")
    void logs_a_periodic_summary_of_messages_answers_and_errors_since_the_last_one() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.error(400, "INVALID_ARGUMENT", "API key not valid."));
        bot.ask(ALICE, "hello"); // one message, answered with the failure; one Gemini error (400 is not retried)
        bot.gemini.answerWith(request -> "fine");
        bot.ask(ALICE, "again");

        // the lines split the activity between them however the intervals fall; together they tell all of it
        await().untilAsserted(() -> assertThat(summed(logs.messages())).containsExactly(2, 2, 1, 0));
        assertThat(logs.messages()).filteredOn(line -> line.startsWith("In the last "))
                .allSatisfy(line -> assertThat(line).matches("In the last 0\\.3s: \\d+ message\\(s\\), \\d+ answer\\(s\\), "
                        + "\\d+ Gemini error\\(s\\), \\d+ Telegram error\\(s\\)"));
    }

    /** Messages, answers, Gemini errors and Telegram errors summed over every summary line. */
    private static List<Integer> summed(List<String> lines) {
        int[] sums = new int[4];
        for (String line : lines) {
            if (line.startsWith("In the last ")) {
                Matcher numbers = Pattern.compile("(\\d+) (?:message|answer|Gemini error|Telegram error)").matcher(line);
                for (int i = 0; i < 4 && numbers.find(); i++) {
                    sums[i] += Integer.parseInt(numbers.group(1));
                }
            }
        }
        return List.of(sums[0], sums[1], sums[2], sums[3]);
    }

    @Test
    void logs_the_effective_settings_once_at_start_with_secrets_masked() {
        assertThat(logs.messages()).filteredOn(line -> line.startsWith("Settings: ")).singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("telegram.bot-token=***", "gemini.api-key=***", "gemini.model=gemini-2.5-flash",
                                "bot.streaming=false")
                        .doesNotContain(FakeTelegram.TOKEN, FakeGemini.KEY));
    }
}
