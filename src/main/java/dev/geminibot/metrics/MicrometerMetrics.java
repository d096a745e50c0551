package dev.geminibot.metrics;

import dev.geminibot.requests.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bot's meters in one Prometheus registry: requests by kind, answers and their latency, Telegram calls by
 * method and outcome, 429 waits, and gauges read on each scrape. Gemini is counted by {@link GeminiCallMetrics}.
 * Names follow Micrometer's dotted convention and come out as Prometheus snake case ({@code bot_updates_total}).
 */
public final class MicrometerMetrics implements Metrics {
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer answerLatency;
    private final GeminiCallMetrics gemini;
    // since the last summary line
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong telegramErrors = new AtomicLong();

    public MicrometerMetrics() {
        answerLatency = Timer.builder("bot.answer.latency")
                .description("Time from taking a question to having sent its answer")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        gemini = new GeminiCallMetrics(registry, LATENCY_BUCKETS);
    }

    /** Counts Gemini calls; pass it to the model builders' {@code listeners(...)}. */
    public GeminiCallMetrics gemini() {
        return gemini;
    }

    /** A gauge read on each scrape, e.g. lanes active. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Everything in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * What happened since the last call, in one line for the periodic INFO summary: messages dealt with, answers
     * sent, failed Gemini and Telegram calls.
     */
    public String summarySinceLast() {
        return messages.getAndSet(0) + " message(s), " + answers.getAndSet(0) + " answer(s), "
                + gemini.errorsSinceLast() + " Gemini error(s), " + telegramErrors.getAndSet(0) + " Telegram error(s)";
    }

    /** The Prometheus text format's content type. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void handled(String kind, boolean done, Duration latency) {
        Counter.builder("bot.updates").description("Messages the bot acted on, by kind of request")
                .tag("kind", kind).register(registry).increment();
        messages.incrementAndGet();
        if (done && kind.equals("ask")) {
            answers.incrementAndGet();
            Counter.builder("bot.answers.sent").description("Questions answered (the answer or the failure sent)")
                    .register(registry).increment();
            answerLatency.record(latency);
        }
    }

    @Override
    public void telegramCall(String method, String outcome) {
        Counter.builder("bot.telegram.calls").description("Bot API calls by method and outcome (ok, error code, network)")
                .tag("method", method).tag("outcome", outcome).register(registry).increment();
        if (!outcome.equals("ok")) {
            telegramErrors.incrementAndGet();
        }
    }

    @Override
    public java.util.Map<String, Long> errorsByKind() {
        java.util.Map<String, Long> errors = new java.util.TreeMap<>();
        registry.find("bot.gemini.errors").counters().forEach(counter ->
                errors.merge("gemini " + counter.getId().getTag("kind"), (long) counter.count(), Long::sum));
        registry.find("bot.telegram.calls").counters().stream()
                .filter(counter -> !"ok".equals(counter.getId().getTag("outcome")))
                .forEach(counter -> errors.merge("telegram " + counter.getId().getTag("method") + " "
                        + counter.getId().getTag("outcome"), (long) counter.count(), Long::sum));
        errors.values().removeIf(count -> count == 0);
        return errors;
    }

    /** A sweep deleted {@code count} idle conversations. */
    public void conversationsExpired(int count) {
        Counter.builder("bot.conversations.expired").description("Conversations deleted for being idle too long")
                .register(registry).increment(count);
    }

    @Override
    public void dailyLimitReached(String limit) {
        Counter.builder("bot.daily.limit.refusals").description("Questions refused because a daily limit was used up")
                .tag("limit", limit).register(registry).increment();
    }

    @Override
    public void telegramFloodWait(String method) {
        Counter.builder("bot.telegram.flood.waits").description("429 retry_after waits asked for by Telegram")
                .tag("method", method).register(registry).increment();
    }
}
