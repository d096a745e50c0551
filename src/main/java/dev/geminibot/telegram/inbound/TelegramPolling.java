package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.requests.Metrics;
import dev.geminibot.requests.StopButtons;
import dev.geminibot.support.Backoff;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Long polling of getUpdates on one daemon thread: our own loop, not telegrambots' {@code BotSession}, which
 * drops every update id at or below the last one it saw (Telegram restarts ids lower after a week without
 * updates), ignores {@code retry_after}, fails a whole batch on one update it cannot read, and logs a stack
 * trace per failed poll.
 *
 * <p>The offset is Telegram's record of what we confirmed, and it moves only after the consumer returned:
 * {@link UpdateReceiver#take} must return only once the batch is durably recorded, and throw if it
 * cannot record it; the same offset is then polled again after a back-off. Errors: 429 waits
 * {@code retry_after}; 5xx, non-JSON answers and network errors back off ({@link Backoff}, for ever);
 * 401/404/409 are retried the same way and explained once by {@link PollingDiagnostics}.
 */
public final class TelegramPolling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);
    static final int POLL_TIMEOUT_SECONDS = 50;
    private static final int BATCH_LIMIT = 100;
    private static final List<String> ALLOWED_UPDATES = List.of("message", "stopped_message_generation");
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ObjectMapper json = new ObjectMapper();
    private final PollingDiagnostics diagnostics = new PollingDiagnostics();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final OkHttpClient http;
    private final String botToken;
    private final TelegramUrl url;
    private final Backoff backoff;
    private Call inFlight; // guarded by this; cancelled by close()
    private volatile Metrics metrics = Metrics.NONE;
    private volatile StopButtons stopButtons = new StopButtons();
    private volatile Instant lastSuccess; // null until a getUpdates succeeded
    private volatile String refusal; // Telegram refuses polling for good (401, 404, 409) since the last success

    /** @param backoff the waits after failed polls (a 429 waits its {@code retry_after} instead) */
    public TelegramPolling(OkHttpClient http, String botToken, TelegramUrl url, Backoff backoff) {
        this.http = http;
        this.botToken = botToken;
        this.url = url;
        this.backoff = backoff;
    }

    /** Users' presses of a draft's Stop button go to {@code stopButtons} (set before {@link #start}). */
    public void pressStopButtonsIn(StopButtons stopButtons) {
        this.stopButtons = stopButtons;
    }

    /** Counts every getUpdates call in {@code metrics} (set before {@link #start}). */
    public void countIn(Metrics metrics) {
        this.metrics = metrics;
    }

    /** When a getUpdates last succeeded; empty if none did yet. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Why Telegram refuses polling (bad token, another poller) if it did since the last success. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Polls from {@code offset} and hands every batch to {@code consumer} on the polling thread; call
     * {@link #deleteWebhook} first.
     *
     * @param offset the first update id not yet recorded (Telegram forgets lower ones when asked for it)
     */
    public void start(UpdateReceiver consumer, long offset) {
        Thread.ofPlatform().name("telegram-poller").daemon(true).start(() -> poll(consumer, offset));
    }

    private void poll(UpdateReceiver consumer, long offset) {
        int failures = 0;
        while (!isClosed()) {
            Duration pause;
            try {
                UpdateBatch batch = UpdateBatch.read(getUpdates(offset), json, offset);
                metrics.telegramCall("getUpdates", "ok");
                lastSuccess = Instant.now();
                refusal = null;
                diagnostics.works();
                failures = 0;
                for (UpdateBatch.GenerationStopped stop : batch.stops()) {
                    if (!stopButtons.press(stop.chatId(), stop.draftId())) {
                        log.debug("Stop pressed in chat {} on draft {}, whose answer is already complete",
                                stop.chatId(), stop.draftId());
                    }
                }
                if (!batch.updates().isEmpty()) {
                    consumer.take(batch.updates()); // returns only once the batch is recorded
                }
                if (batch.idsRestarted()) {
                    log.warn("Telegram restarted update ids below {} (it does so after a week without updates); "
                            + "continuing from {}", offset, batch.nextOffset());
                }
                offset = batch.nextOffset();
                continue;
            } catch (Rejected e) {
                metrics.telegramCall("getUpdates", String.valueOf(e.status));
                if (e.retryAfter != null) {
                    metrics.telegramFloodWait("getUpdates");
                }
                if (e.status == 401 || e.status == 404 || e.status == 409) {
                    refusal = e.status + " " + e.description;
                }
                diagnostics.rejected(e.status, e.description, e.retryAfter == null ? Duration.ZERO : e.retryAfter);
                pause = e.retryAfter != null ? e.retryAfter : backOff(++failures);
            } catch (IOException e) {
                if (isClosed()) {
                    return; // close() cancelled the call
                }
                metrics.telegramCall("getUpdates", "network");
                diagnostics.unreachable(e);
                pause = backOff(++failures);
            } catch (RuntimeException e) {
                if (isClosed()) {
                    return; // the consumer stopped taking updates: the batch stays unconfirmed
                }
                diagnostics.notTakenIn(e);
                pause = backOff(++failures);
            }
            try {
                if (closed.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The {@code result} array of a successful getUpdates, or {@link Rejected} with what Telegram said. */
    private JsonNode getUpdates(long offset) throws IOException, Rejected {
        GetUpdates request = GetUpdates.builder()
                .offset(Math.toIntExact(offset))
                .limit(BATCH_LIMIT)
                .timeout(POLL_TIMEOUT_SECONDS)
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
        Call call;
        synchronized (this) {
            if (isClosed()) {
                throw new IOException("polling stopped");
            }
            call = http.newCall(request(request));
            inFlight = call;
        }
        try (Response response = call.execute()) {
            JsonNode body = readJson(response);
            if (body == null || !body.path("ok").isBoolean()) {
                throw new Rejected(response.code(), "not a Bot API answer: " + contentType(response), null);
            }
            if (!body.path("ok").asBoolean() || !body.path("result").isArray()) {
                JsonNode retryAfter = body.path("parameters").path("retry_after");
                throw new Rejected(body.path("error_code").asInt(response.code()),
                        body.path("description").asText("no description"),
                        retryAfter.canConvertToInt() ? Duration.ofSeconds(retryAfter.asInt()) : null);
            }
            return body.get("result");
        }
    }

    /** Deletes any webhook: getUpdates does not work while one is set. */
    public void deleteWebhook() throws TelegramApiException {
        DeleteWebhook deleteWebhook = new DeleteWebhook();
        try (Response response = http.newCall(request(deleteWebhook)).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!Boolean.TRUE.equals(deleteWebhook.deserializeResponse(body))) {
                throw new TelegramApiException("deleteWebhook did not succeed");
            }
        } catch (IOException e) {
            throw new TelegramApiException("Cannot call deleteWebhook: " + e.getClass().getSimpleName(), e);
        }
    }

    private Request request(BotApiMethod<?> method) {
        HttpUrl.Builder address = new HttpUrl.Builder().scheme(url.getSchema()).host(url.getHost()).port(url.getPort())
                .addPathSegment("bot" + botToken);
        if (url.isTestServer()) {
            address.addPathSegment("test");
        }
        try {
            return new Request.Builder()
                    .url(address.addPathSegment(method.getMethod()).build())
                    .post(RequestBody.create(json.writeValueAsString(method), JSON_TYPE))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + method.getMethod(), e);
        }
    }

    /** The body as JSON, or null when it is something else (an HTML error page from a proxy). */
    private JsonNode readJson(Response response) throws IOException {
        String body = response.body() == null ? "" : response.body().string();
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String contentType(Response response) {
        String type = response.header("Content-Type");
        return type == null ? "no content type" : type;
    }

    private Duration backOff(int failures) {
        return backoff.delay(failures);
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Stops polling. The request in flight is cancelled: whatever it would have returned is unconfirmed, and
     * Telegram delivers it again after a restart.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed.countDown();
            if (inFlight != null) {
                inFlight.cancel();
            }
        }
    }

    /** What Telegram (or a proxy in front of it) answered instead of updates. */
    private static final class Rejected extends Exception {
        final int status;
        final String description;
        final Duration retryAfter;

        Rejected(int status, String description, Duration retryAfter) {
            super(description, null, false, false);
            this.status = status;
            this.description = description;
            this.retryAfter = retryAfter;
        }
    }
}
