package dev.geminibot.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/** Wraps the configured layout and redacts secrets from the finished line, stack traces included. */
final class RedactingLayout extends LayoutBase<ILoggingEvent> {
    private final Layout<ILoggingEvent> delegate;
    private final SecretRedactor redactor;

    RedactingLayout(Layout<ILoggingEvent> delegate, SecretRedactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
        setContext(delegate.getContext());
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return redactor.redact(delegate.doLayout(event));
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }
}
