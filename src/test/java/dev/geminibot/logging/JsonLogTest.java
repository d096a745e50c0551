package dev.geminibot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogTest {
    private static final String TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijklmnopq";

    @Test
    void should_write_one_json_object_per_line_with_the_formatted_message_and_secrets_masked() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        RedactingEncoder encoder = new RedactingEncoder(LogRedaction.jsonEncoder(context), new SecretRedactor(List.of(TOKEN)));
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent(JsonLogTest.class.getName(), context.getLogger("dev.geminibot.App"),
                Level.WARN, "Cannot reach {} for chat {}", new IllegalStateException("https://x/bot" + TOKEN + "/getMe"),
                new Object[]{"https://api.telegram.org/bot" + TOKEN + "/sendMessage", 42});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain(TOKEN, "AAFakeToken").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("loggerName").asText()).isEqualTo("dev.geminibot.App");
        assertThat(json.path("formattedMessage").asText())
                .isEqualTo("Cannot reach https://api.telegram.org/bot***/sendMessage for chat 42");
        assertThat(json.path("throwable").toString()).contains("IllegalStateException", "/bot***/getMe");
        assertThat(json.has("timestamp")).isTrue();
        assertThat(json.has("arguments")).isFalse();
    }
}
