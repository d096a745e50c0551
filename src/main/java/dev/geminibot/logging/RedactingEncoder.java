package dev.geminibot.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;

/**
 * Wraps an encoder that has no layout to wrap (logback's {@code JsonEncoder}) and redacts secrets from each
 * encoded event. Safe for JSON: secrets hold no character JSON escapes, and {@code ***} needs no escaping.
 */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
    private final Encoder<ILoggingEvent> delegate;
    private final SecretRedactor redactor;

    RedactingEncoder(Encoder<ILoggingEvent> delegate, SecretRedactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        return encoded == null ? null
                : redactor.redact(new String(encoded, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }
}
