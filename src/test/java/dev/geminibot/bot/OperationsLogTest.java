package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    void logs_one_info_line_per_answered_message_with_key_kind_and_latency_but_never_the_text() {
        bot.ask(ALICE, "my very private question");
        bot.ask(ALICE, "/help");

        await().until(() -> logs.count("Handled chat " + ALICE) == 2);
        assertThat(logs.messages()).filteredOn(line -> line.startsWith("Handled chat " + ALICE))
                .satisfiesExactly(
                        line -> assertThat(line).matches("Handled chat " + ALICE + " user " + ALICE + " \\(ask\\) in \\d+ ms"),
                        line -> assertThat(line).matches("Handled chat " + ALICE + " user " + ALICE + " \\(command\\) in \\d+ ms"));
        assertThat(logs.messages()).noneMatch(line -> line.contains("my very private question"));
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
