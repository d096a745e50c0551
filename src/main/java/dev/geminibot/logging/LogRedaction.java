package dev.geminibot.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * Makes every log line pass through a {@link SecretRedactor}: our own lines, library lines and exception
 * texts alike (the Bot API URL contains the token). Call once at start, before anything logs a secret.
 */
public final class LogRedaction {
    private LogRedaction() {
    }

    public static void install(SecretRedactor redactor) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                        && appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> encoder
                        && !(encoder.getLayout() instanceof RedactingLayout)) {
                    encoder.setLayout(new RedactingLayout(encoder.getLayout(), redactor));
                }
            }
        }
    }
}
