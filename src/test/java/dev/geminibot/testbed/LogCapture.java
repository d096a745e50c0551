package dev.geminibot.testbed;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what the bot logs (formatted messages) while open. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public long count(String fragment) {
        return messages().stream().filter(message -> message.contains(fragment)).count();
    }

    /** Everything logged while open, with level, logger and any exception attached. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
