package dev.geminibot.telegram;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every Bot API call the bot makes, with the retries Telegram expects: a 429 waits exactly the
 * {@code retry_after} Telegram asks for, 5xx and network errors back off exponentially with jitter, anything
 * else (400, 403) fails at once.
 */
public final class TelegramCalls {
    private static final Logger log = LoggerFactory.getLogger(TelegramCalls.class);

    private final TelegramClient client;
    private final Retry retry;

    /**
     * @param maxAttempts tries per call, the first included
     * @param initialBackoff wait after the first 5xx or network error; doubles with each further one (capped at 30 s)
     */
    public TelegramCalls(TelegramClient client, int maxAttempts, Duration initialBackoff) {
        this.client = client;
        this.retry = Retry.of("telegram", RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(TelegramCalls::retriable)
                .intervalBiFunction(waitBeforeRetry(initialBackoff))
                .build());
        retry.getEventPublisher().onRetry(event -> log.info("Telegram call failed ({}), retry {} in {} ms",
                describe(event.getLastThrowable()), event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis()));
    }

    public <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        try {
            return retry.executeCheckedSupplier(() -> client.execute(method));
        } catch (TelegramApiException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new TelegramApiException(e);
        }
    }

    private static boolean retriable(Throwable error) {
        if (error instanceof TelegramApiRequestException request) {
            Integer code = request.getErrorCode();
            return code == null || code == 429 || code >= 500;
        }
        return error instanceof TelegramApiException && !(error instanceof TelegramApiValidationException);
    }

    private static IntervalBiFunction<Object> waitBeforeRetry(Duration initialBackoff) {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof TelegramApiRequestException request
                    && request.getParameters() != null && request.getParameters().getRetryAfter() != null) {
                return request.getParameters().getRetryAfter() * 1000L;
            }
            long exponential = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
            long capped = Math.min(exponential, 30_000);
            return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        };
    }

    /** A short description of a Bot API failure for logs: code and Telegram's description, never the URL. */
    static String describe(Throwable e) {
        if (e instanceof TelegramApiRequestException request) {
            return request.getErrorCode() + " " + request.getApiResponse();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
