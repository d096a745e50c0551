package dev.geminibot.gemini;

import dev.geminibot.conversation.ModelBusyException;
import dev.geminibot.support.Backoff;
import dev.geminibot.support.Causes;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini with the fault handling the client lacks: 429 waits the {@code RetryInfo.retryDelay} Gemini returns
 * (or fails at once, saying when, if that is longer than we are willing to keep the user waiting); 5xx,
 * timeouts and network errors back off exponentially with jitter; 400/403/404 fail at once with a log line
 * that tells the operator what to fix. A 200 the client cannot make an answer of (no candidates, no finish
 * reason, no text at all) is a fault like a 5xx and retried; a blocked prompt has already become a
 * {@link ContentFilteredException} ({@link BlockedPromptCheck}).
 */
public final class ResilientChatModel implements ChatModel {
    private static final Logger log = LoggerFactory.getLogger(ResilientChatModel.class);
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Pattern GOOGLE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GOOGLE_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final ChatModel delegate;
    private final String modelName;
    private final Duration longestRetryDelay;
    private final Retry retry;

    /**
     * @param maxAttempts tries per request, the first included
     * @param backoff the waits after a 5xx, timeout or network error
     * @param longestRetryDelay the longest RetryInfo delay worth waiting for; a longer one fails at once
     */
    public ResilientChatModel(ChatModel delegate, String modelName, int maxAttempts, Backoff backoff,
                              Duration longestRetryDelay) {
        this.delegate = delegate;
        this.modelName = modelName;
        this.longestRetryDelay = longestRetryDelay;
        this.retry = Retry.of("gemini", RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(waitBeforeRetry(backoff))
                .build());
        retry.getEventPublisher().onRetry(event -> log.info("Gemini request failed ({}), retry {} in {} ms",
                event.getLastThrowable().getClass().getSimpleName(), event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis()));
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return retry.executeSupplier(() -> once(request));
        } catch (RateLimitException e) {
            throw new ModelBusyException("Gemini quota exhausted", retryDelay(e).orElse(null), e);
        } catch (AuthenticationException | InvalidRequestException | ModelNotFoundException e) {
            if (!(e instanceof ContentFilteredException)) {
                log.error(operatorHint(e));
            }
            throw e;
        }
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request);
    }

    private ChatResponse once(ChatRequest request) {
        ChatResponse response;
        try {
            response = delegate.chat(request);
        } catch (NullPointerException | IndexOutOfBoundsException e) {
            // The client reads candidates[0], its finishReason and usageMetadata without checking
            throw new UnusableResponseException("Gemini's response lacks candidates, finish reason or usage", e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if ((text == null || text.isEmpty()) && response.finishReason() == FinishReason.STOP) {
            throw new UnusableResponseException("Gemini finished normally but sent no text", null);
        }
        return response;
    }

    private boolean worthRetrying(Throwable error) {
        if (error instanceof RateLimitException rateLimit) {
            return retryDelay(rateLimit).map(delay -> delay.compareTo(longestRetryDelay) <= 0).orElse(true);
        }
        return error instanceof RetriableException || error instanceof UnresolvedModelServerException
                || causedByIo(error);
    }

    private static IntervalBiFunction<Object> waitBeforeRetry(Backoff backoff) {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof RateLimitException rateLimit) {
                Optional<Duration> delay = retryDelay(rateLimit);
                if (delay.isPresent()) {
                    return delay.get().toMillis();
                }
            }
            return backoff.delay(attempt).toMillis();
        };
    }

    static Optional<Duration> retryDelay(Throwable error) {
        for (Throwable e : Causes.chain(error)) {
            if (e.getMessage() != null) {
                Matcher matcher = RETRY_DELAY.matcher(e.getMessage());
                if (matcher.find()) {
                    return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(matcher.group(1)) * 1000)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean causedByIo(Throwable error) {
        return Causes.anyIs(error, IOException.class);
    }

    private String operatorHint(RuntimeException e) {
        String body = e.getMessage() == null ? "" : e.getMessage();
        String google = find(GOOGLE_MESSAGE, body).orElse(body);
        String status = find(GOOGLE_STATUS, body).orElse("");
        String fix;
        if (body.contains("API_KEY_INVALID") || body.contains("API key not valid")) {
            fix = "set GEMINI_API_KEY to a valid key from Google AI Studio";
        } else if (e instanceof ModelNotFoundException) {
            fix = "GEMINI_MODEL '" + modelName + "' is not available to this key; pick one from the models list";
        } else if (e instanceof AuthenticationException) {
            fix = "the key has no access to the Gemini API or to model '" + modelName + "'";
        } else if (status.equals("FAILED_PRECONDITION")) {
            fix = "the Gemini API is not available for this key's project or region (billing?)";
        } else {
            fix = "the request was rejected; check GEMINI_MODEL and GEMINI_BASE_URL";
        }
        return "Gemini refused the request (" + e.getClass().getSimpleName() + (status.isEmpty() ? "" : " " + status)
                + "): " + fix + ". Google said: " + google;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
