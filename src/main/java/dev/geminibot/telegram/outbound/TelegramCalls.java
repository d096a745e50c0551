package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.Metrics;
import dev.geminibot.support.Backoff;
import dev.geminibot.support.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every Bot API call the bot makes, with the retries Telegram expects: a 429 waits exactly the
 * {@code retry_after} Telegram asks for, as often as it asks (flood control is never a reason to give up);
 * 5xx, network errors and answers that are not the Bot API's JSON (a proxy's HTML error page, an empty or cut
 * body) back off exponentially with jitter for a bounded number of tries; anything else (400, 403) fails at
 * once. Only interruption, i.e. the bot stopping, ends the waiting early.
 */
public final class TelegramCalls {
    private static final Logger log = LoggerFactory.getLogger(TelegramCalls.class);
    /**
     * When the bot stops during a call, how long to wait for its answer: the request may already be with
     * Telegram, and knowing that it was delivered keeps it from being sent again after the restart.
     */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(2);

    private final TelegramClient client;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Metrics metrics;

    public TelegramCalls(TelegramClient client, int maxAttempts, Backoff backoff) {
        this(client, maxAttempts, backoff, Metrics.NONE);
    }

    /**
     * @param maxAttempts tries per call for transient failures, the first included; 429s do not count
     * @param backoff the waits after transient failures
     */
    public TelegramCalls(TelegramClient client, int maxAttempts, Backoff backoff, Metrics metrics) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /**
     * Calls {@code method} until Telegram answers it or refuses it for good.
     *
     * @throws TelegramApiException Telegram refused the call, or transient failures outlasted the tries
     * @throws InterruptedException the bot is stopping; whether the call reached Telegram is unknown
     */
    public <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException, InterruptedException {
        int transientFailures = 0;
        int retries = 0;
        while (true) {
            try {
                return callOnce(method);
            } catch (TelegramApiException e) {
                long waitMillis = switch (TelegramFailure.of(e)) {
                    case FLOOD -> {
                        metrics.telegramFloodWait(method.getMethod());
                        yield retryAfterMillis(e); // not counted: Telegram says exactly when to come back
                    }
                    case TRANSIENT -> {
                        if (++transientFailures >= maxAttempts) {
                            throw e;
                        }
                        yield backoffMillis(transientFailures);
                    }
                    case PERMANENT -> throw e;
                };
                retries++;
                log.info("Telegram call failed ({}), retry {} in {} ms", describe(e), retries, waitMillis);
                Thread.sleep(waitMillis);
            }
        }
    }

    /**
     * Calls {@code method} once, without retrying: for calls that are worth making only now (typing, drafts).
     *
     * @throws TelegramApiException the call failed, for whatever reason
     * @throws InterruptedException the bot is stopping
     */
    public <T extends Serializable> T executeOnce(BotApiMethod<T> method) throws TelegramApiException, InterruptedException {
        return callOnce(method);
    }

    private <T extends Serializable> T callOnce(BotApiMethod<T> method) throws TelegramApiException, InterruptedException {
        CompletableFuture<T> call = client.executeAsync(method); // validates first: throws for a malformed method
        try {
            T result = call.get();
            metrics.telegramCall(method.getMethod(), "ok");
            return result;
        } catch (ExecutionException e) {
            // the client completes with TelegramApiRequestException for a Bot API answer, IOException for the network
            Throwable cause = e.getCause();
            TelegramApiException failure = cause instanceof TelegramApiException api
                    ? api : new TelegramApiException("Bot API call failed", cause);
            metrics.telegramCall(method.getMethod(), outcome(failure));
            throw failure;
        } catch (InterruptedException stopping) {
            return outcomeWhileStopping(call, stopping);
        }
    }

    /**
     * The request may already be with Telegram: wait briefly for its answer, so that a message Telegram took is
     * reported as sent (and not sent again after the restart). The caller still learns that the bot is stopping.
     */
    private static <T> T outcomeWhileStopping(CompletableFuture<T> call, InterruptedException stopping)
            throws InterruptedException {
        try {
            T result = call.get(IN_FLIGHT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            Thread.currentThread().interrupt();
            return result;
        } catch (ExecutionException | TimeoutException failedOrUnknown) {
            throw stopping;
        }
    }

    private long retryAfterMillis(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request && request.getParameters() != null
                && request.getParameters().getRetryAfter() != null) {
            return request.getParameters().getRetryAfter() * 1000L;
        }
        return backoffMillis(1); // a 429 without retry_after: wait a little, it is still flood control
    }

    private long backoffMillis(int failures) {
        return backoff.delay(failures).toMillis();
    }

    /** What a failed call tells us to do. */
    enum TelegramFailure {
        /** 429: wait {@code retry_after} and try again, however often. */
        FLOOD,
        /** 5xx, network, or not a Bot API answer at all: back off and try again, a bounded number of times. */
        TRANSIENT,
        /** Telegram understood the request and refused it (400, 401, 403, 404, 409): trying again cannot help. */
        PERMANENT;

        static TelegramFailure of(TelegramApiException e) {
            if (e instanceof TelegramApiValidationException) {
                return PERMANENT;
            }
            if (!(e instanceof TelegramApiRequestException request)) {
                return TRANSIENT; // the network, or the client's "empty response"
            }
            if (request.getCause() instanceof IOException) {
                // The body was not the Bot API's JSON (an HTML error page, an empty or truncated body): the
                // client reports that as a request exception carrying Jackson's IOException and error code 0.
                return TRANSIENT;
            }
            Integer code = request.getErrorCode();
            if (code == null || code == 0) {
                return TRANSIENT; // JSON, but no error code: not an answer from the Bot API either
            }
            if (code == 429) {
                return FLOOD;
            }
            return code >= 500 ? TRANSIENT : PERMANENT;
        }
    }

    /** The outcome of a failed call for the metrics: Telegram's error code, or what went wrong on the way. */
    static String outcome(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && request.getErrorCode() != 0) {
            return String.valueOf(request.getErrorCode());
        }
        return e instanceof TelegramApiRequestException && Causes.root(e) instanceof IOException
                ? "not_bot_api" : "network";
    }

    /** A short description of a Bot API failure for logs: code and Telegram's description, never the URL. */
    static String describe(Throwable e) {
        if (e instanceof TelegramApiRequestException request && request.getApiResponse() != null) {
            return request.getErrorCode() + " " + request.getApiResponse();
        }
        Throwable root = Causes.root(e);
        return e instanceof TelegramApiRequestException && root instanceof IOException
                ? "not a Bot API answer: " + root.getClass().getSimpleName()
                : root.getClass().getSimpleName();
    }
}
