package dev.geminibot.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
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

    /** Keeps the configured one-line text format. */
    public static void install(SecretRedactor redactor) {
        install(redactor, false);
    }

    /**
     * @param json log one JSON object per line instead (logback's own {@code JsonEncoder}: timestamp, level,
     *     thread, logger, formatted message, MDC, exception), for log collectors that parse JSON
     */
    public static void install(SecretRedactor redactor, boolean json) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (!(it.next() instanceof OutputStreamAppender<ILoggingEvent> appender)) {
                    continue;
                }
                if (json && !(appender.getEncoder() instanceof RedactingEncoder)) {
                    RedactingEncoder encoder = new RedactingEncoder(jsonEncoder(context), redactor);
                    encoder.setContext(context);
                    encoder.start();
                    appender.setEncoder(encoder);
                } else if (!json && appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> encoder
                        && !(encoder.getLayout() instanceof RedactingLayout)) {
                    encoder.setLayout(new RedactingLayout(encoder.getLayout(), redactor));
                }
            }
        }
    }

    static JsonEncoder jsonEncoder(ch.qos.logback.core.Context context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false); // the formatted message says it; the pattern and its arguments would repeat it
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }
}
