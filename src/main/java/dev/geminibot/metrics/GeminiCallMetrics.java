package dev.geminibot.metrics;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts every Gemini HTTP call (each retry is one) through LangChain4j's listener: calls and latency by outcome,
 * errors by kind, tokens in and out. Also remembers whether Gemini is failing every call, for {@code /readyz}.
 */
public final class GeminiCallMetrics implements ChatModelListener {
    /** Consecutive failed calls after which Gemini counts as failing every call. */
    static final int FAILING_AFTER = 3;
    private static final String STARTED = "dev.geminibot.metrics.started";

    private final MeterRegistry registry;
    private final Duration[] buckets;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong errorsSinceLast = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    GeminiCallMetrics(MeterRegistry registry, Duration[] buckets) {
        this.registry = registry;
        this.buckets = buckets;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        context.attributes().put(STARTED, System.nanoTime());
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        failuresInARow.set(0);
        timer("ok").record(elapsed(context.attributes().get(STARTED)));
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage != null) {
            tokens("in", usage.inputTokenCount());
            tokens("out", usage.outputTokenCount());
        }
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        String kind = context.error() == null ? "unknown" : context.error().getClass().getSimpleName();
        failuresInARow.incrementAndGet();
        errorsSinceLast.incrementAndGet();
        lastError.set(kind);
        timer("error").record(elapsed(context.attributes().get(STARTED)));
        Counter.builder("bot.gemini.errors").description("Failed Gemini calls by kind of error")
                .tag("kind", kind).register(registry).increment();
    }

    /** Failed calls since the last time this was asked (for the periodic summary). */
    long errorsSinceLast() {
        return errorsSinceLast.getAndSet(0);
    }

    /** Why Gemini counts as down: it failed the last few calls and none succeeded since. */
    Optional<String> failing() {
        int failures = failuresInARow.get();
        return failures >= FAILING_AFTER
                ? Optional.of("Gemini failed the last " + failures + " calls (" + lastError.get() + ")")
                : Optional.empty();
    }

    private Timer timer(String outcome) {
        return Timer.builder("bot.gemini.calls").description("Gemini HTTP calls (each retry is one) by outcome")
                .tag("outcome", outcome).serviceLevelObjectives(buckets).register(registry);
    }

    private void tokens(String direction, Integer count) {
        if (count != null) {
            Counter.builder("bot.gemini.tokens").description("Tokens Gemini reported, in (prompt) and out (answer)")
                    .tag("direction", direction).register(registry).increment(count);
        }
    }

    private static Duration elapsed(Object started) {
        return started instanceof Long nanos ? Duration.ofNanos(System.nanoTime() - nanos) : Duration.ZERO;
    }
}
