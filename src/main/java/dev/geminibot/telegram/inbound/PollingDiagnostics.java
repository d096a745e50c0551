package dev.geminibot.telegram.inbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * Says in plain words why polling fails: one line per run of identical failures (the first of a run; nothing
 * while it repeats), one when polling works again. Never a stack trace, never a URL (it holds the token).
 * Used by the polling thread only.
 */
final class PollingDiagnostics {
    private static final Logger log = LoggerFactory.getLogger(PollingDiagnostics.class);

    private String lastFailure; // null while polling works

    /** Telegram, or a proxy in front of it, answered with an error. */
    void rejected(int status, String description, Duration waiting) {
        String kind = "HTTP " + status;
        if (!once(kind)) {
            return;
        }
        switch (status) {
            case 409 -> log.error("Telegram refuses getUpdates with 409 Conflict: another process is polling with "
                    + "this bot token, or a webhook is set ({}). Stop the other instance; this one keeps retrying.",
                    description);
            case 401, 404 -> log.error("Telegram rejects the bot token on getUpdates ({} {}): was it revoked? "
                    + "Set a valid TELEGRAM_BOT_TOKEN.", status, description);
            case 429 -> log.warn("Telegram asks the bot to poll less often ({}); waiting the {} s it asks for",
                    description, waiting.toSeconds());
            default -> log.warn("Telegram answered getUpdates with {} ({}); polling backs off and retries",
                    status, description);
        }
    }

    /** No answer at all: connection refused or dropped, timeout. */
    void unreachable(Exception e) {
        if (once("network " + e.getClass().getName())) {
            log.warn("Cannot reach Telegram for getUpdates ({}); polling backs off and retries", describe(e));
        }
    }

    /** The consumer could not take a batch in; it stays unconfirmed and is fetched again. */
    void notTakenIn(RuntimeException e) {
        if (once("consumer " + e.getClass().getName())) {
            log.error("Could not take in a batch of updates ({}); it stays with Telegram and is fetched again",
                    describe(e));
        }
    }

    void works() {
        if (lastFailure != null) {
            lastFailure = null;
            log.info("Polling Telegram works again");
        }
    }

    private boolean once(String kind) {
        boolean first = !Objects.equals(lastFailure, kind);
        lastFailure = kind;
        return first;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
