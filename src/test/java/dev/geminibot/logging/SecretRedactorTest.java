package dev.geminibot.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTest {
    private static final String TOKEN = "123456:ABCdefGHIjklMNOpqr";
    private static final String KEY = "AIzaSyTESTKEY";

    @Test
    void redacts_token_its_secret_half_and_the_key() {
        SecretRedactor redactor = new SecretRedactor(List.of(TOKEN, KEY));

        assertThat(redactor.redact("GET https://api.telegram.org/bot" + TOKEN + "/getUpdates key=" + KEY))
                .isEqualTo("GET https://api.telegram.org/bot***/getUpdates key=***");
        assertThat(redactor.redact("half ABCdefGHIjklMNOpqr")).isEqualTo("half ***");
    }

    @Test
    void redacts_anything_shaped_like_a_bot_token_or_a_google_key_even_when_not_configured() {
        SecretRedactor redactor = new SecretRedactor(List.of());

        assertThat(redactor.redact("got 'http://127.0.0.1:8081/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ'"))
                .isEqualTo("got 'http://127.0.0.1:8081/bot***'");
        assertThat(redactor.redact("key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW here")).isEqualTo("key *** here");
        assertThat(redactor.redact("at 12:30:45 the answer came")).isEqualTo("at 12:30:45 the answer came");
    }

    @Test
    void every_log_line_and_stack_trace_goes_through_the_redactor_once_installed() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        PatternLayout layout = new PatternLayout();
        layout.setPattern("%msg%n%ex");
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger("redaction-test");
        logger.addAppender(appender);
        try {
            LogRedaction.install(new SecretRedactor(List.of(TOKEN, KEY)));
            logger.error("calling /bot{}/sendMessage", TOKEN, new IllegalStateException("key " + KEY + " rejected"));
        } finally {
            logger.detachAppender(appender);
        }

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("calling /bot***/sendMessage").contains("key *** rejected")
                .doesNotContain(TOKEN).doesNotContain(KEY);
    }
}
