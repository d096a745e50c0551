package dev.geminibot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Long polling through telegrambots-longpolling, with the defaults that matter fixed: a daemon poller thread
 * we can shut down, back-off capped at 30 s forever (the library's default jumps to 15 min after 15 min of
 * errors), and only the update kinds the bot handles.
 */
public final class TelegramPolling implements AutoCloseable {
    static final int POLL_TIMEOUT_SECONDS = 50;
    private static final List<String> ALLOWED_UPDATES = List.of("message");

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-poller").daemon(true).factory());
    private final TelegramBotsLongPollingApplication application;

    public TelegramPolling(OkHttpClient httpClient) {
        this.application = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, () -> httpClient, () -> poller, TelegramPolling::backOff);
    }

    /**
     * Deletes any webhook, then polls {@code url} and hands every batch to {@code consumer}. Polling starts
     * after {@code takenInUpTo} (the inbox watermark), so updates recorded before a restart are not fetched again.
     */
    public void start(String botToken, TelegramUrl url, LongPollingUpdateConsumer consumer, LongSupplier takenInUpTo)
            throws TelegramApiException {
        application.registerBot(botToken, () -> url,
                lastReceived -> getUpdates(Math.max(lastReceived, takenInUpTo.getAsLong())), consumer);
    }

    /**
     * Stops polling. The request in flight is left to end on its daemon thread rather than interrupted (which
     * the library would log as an error); whatever it returns is unconfirmed and comes again after a restart.
     */
    @Override
    public void close() {
        try {
            application.close();
        } catch (Exception e) {
            // closing only cancels the poller; nothing to recover
        }
        poller.shutdown();
    }

    private static GetUpdates getUpdates(long lastTakenIn) {
        return GetUpdates.builder()
                .offset(Math.toIntExact(lastTakenIn + 1))
                .limit(100)
                .timeout(POLL_TIMEOUT_SECONDS)
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    private static ExponentialBackOff backOff() {
        return new ExponentialBackOff.Builder()
                .setInitialIntervalMillis(500)
                .setMultiplier(2)
                .setMaxIntervalMillis(30_000)
                .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                .build();
    }
}
