package dev.geminibot.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** BOT_LOG_FORMAT=json, as a log collector reads the bot's stdout. */
class JsonLogProcessTest {
    @RegisterExtension
    final BotExtension bot = BotExtension.fakesOnly();

    @Test
    void every_line_is_one_json_object_from_start_to_stop_and_no_secret_is_in_any() throws Exception {
        Map<String, String> environment = new HashMap<>(bot.environment());
        environment.put("BOT_LOG_FORMAT", "json");

        String output;
        try (BotProcess process = BotProcess.started(environment)) {
            assertThat(bot.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
            assertThat(process.terminate()).isZero();
            output = process.output();
        }

        ObjectMapper mapper = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : output.lines().filter(line -> !line.startsWith("WARNING: ")).toList()) { // the JVM's own
            JsonNode json = mapper.readTree(line);
            assertThat(json.path("level").asText()).as(line).isNotEmpty();
            messages.add(json.path("formattedMessage").asText());
        }
        assertThat(messages).anyMatch(message -> message.startsWith("Settings: "))
                .anyMatch(message -> message.startsWith("Started as"))
                .anyMatch(message -> message.startsWith("Handled chat " + ALICE + " user " + ALICE + " (ask)"))
                .anyMatch(message -> message.equals("Stopped"));
        assertThat(output).doesNotContain(FakeTelegram.TOKEN, FakeGemini.KEY, "hello");
    }
}
