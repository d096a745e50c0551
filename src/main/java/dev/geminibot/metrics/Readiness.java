package dev.geminibot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the bot can answer now: a getUpdates succeeded within {@link #POLL_WINDOW} (long polls return at least
 * every 50 s), Telegram does not refuse polling outright (bad token, another poller), and Gemini is not failing
 * every call.
 */
public final class Readiness implements Supplier<Optional<String>> {
    public static final Duration POLL_WINDOW = Duration.ofMinutes(2);

    private final Supplier<Optional<Instant>> lastPoll;
    private final Supplier<Optional<String>> pollingRefused;
    private final GeminiCallMetrics gemini;
    private final Clock clock;

    public Readiness(Supplier<Optional<Instant>> lastPoll, Supplier<Optional<String>> pollingRefused,
                     GeminiCallMetrics gemini, Clock clock) {
        this.lastPoll = lastPoll;
        this.pollingRefused = pollingRefused;
        this.gemini = gemini;
        this.clock = clock;
    }

    @Override
    public Optional<String> get() {
        Optional<String> refused = pollingRefused.get();
        if (refused.isPresent()) {
            return Optional.of("Telegram refuses getUpdates: " + refused.get());
        }
        Optional<Instant> last = lastPoll.get();
        if (last.isEmpty()) {
            return Optional.of("no getUpdates has succeeded yet");
        }
        Duration since = Duration.between(last.get(), clock.instant());
        if (since.compareTo(POLL_WINDOW) > 0) {
            return Optional.of("no getUpdates has succeeded for " + since.toSeconds() + " s");
        }
        return gemini.failing();
    }
}
