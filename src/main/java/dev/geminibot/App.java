package dev.geminibot;

import dev.geminibot.config.Settings;
import dev.geminibot.config.TelegramSettings;
import dev.geminibot.delivery.ConversationLanes;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.gemini.GeminiChatModels;
import dev.geminibot.store.MapDbChatMemoryStore;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.store.MapDbInbox;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.telegram.ChatHandler;
import dev.geminibot.telegram.outbound.DraftPreviews;
import dev.geminibot.telegram.inbound.MessageInterpreter;
import dev.geminibot.telegram.outbound.OutboundRateLimiter;
import dev.geminibot.telegram.outbound.TelegramCalls;
import dev.geminibot.telegram.outbound.TelegramEndpoint;
import dev.geminibot.telegram.inbound.TelegramPolling;
import dev.geminibot.telegram.outbound.TelegramReplySender;
import dev.geminibot.telegram.outbound.TypingIndicator;
import dev.geminibot.telegram.inbound.UpdateReceiver;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one place that wires the bot: store, Gemini, conversation core and Telegram adapters, built from
 * {@link Settings} by constructor. {@link #start} returns a running bot; {@link #close} stops it cleanly.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** How long a stopping bot lets answers in flight finish. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Tries per Bot API call for 5xx, network errors and non-Bot-API answers; 429s wait retry_after, uncounted. */
    private static final int TELEGRAM_ATTEMPTS = 10;

    private final List<AutoCloseable> resources;
    private final UpdateReceiver receiver;
    private final TelegramPolling polling;
    private final ConversationLanes lanes;
    private final CompletableFuture<String> failure;
    private boolean closed;

    private App(List<AutoCloseable> resources, UpdateReceiver receiver, TelegramPolling polling,
                ConversationLanes lanes, CompletableFuture<String> failure) {
        this.failure = failure;
        this.resources = resources;
        this.receiver = receiver;
        this.polling = polling;
        this.lanes = lanes;
    }

    public static App start(Settings settings) throws StartupException {
        List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
        try {
            MapDbDatabase database = MapDbDatabase.open(settings.bot().dataDir());
            resources.add(database);
            CompletableFuture<String> failure = new CompletableFuture<>();
            database.whenDamaged(() -> failure.complete("The conversation store in "
                    + settings.bot().dataDir().toAbsolutePath() + " is damaged; stopping (see the log for details)"));
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            MapDbInbox inbox = new MapDbInbox(database);

            OkHttpClient http = telegramHttpClient();
            resources.add(() -> {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
            String token = settings.telegram().botToken();
            TelegramUrl url = TelegramEndpoint.of(settings.telegram().apiUrl());
            TelegramClient telegram = new OkHttpTelegramClient(http, token, url);
            TelegramCalls calls = new TelegramCalls(telegram, TELEGRAM_ATTEMPTS, settings.telegram().retryBackoff());
            // at start a wrong URL or a dead network should fail fast, not after minutes of retries
            TelegramCalls startupCalls = new TelegramCalls(telegram, 3, settings.telegram().retryBackoff());
            BotIdentity identity = identify(startupCalls, settings);
            registerCommands(startupCalls);

            ConversationService conversations = new ConversationService(
                    GeminiChatModels.chatModel(settings.gemini()),
                    settings.bot().streaming() ? GeminiChatModels.streamingModel(settings.gemini()) : null,
                    settings.gemini().timeout(), store, database, settings.bot().systemInstruction(),
                    settings.bot().memoryExchanges(), settings.gemini().maxConcurrency(), settings.gemini().maxQueue());
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("typing-indicator").daemon(true).factory());
            resources.add(scheduler::shutdownNow);
            ConversationLanes lanes = new ConversationLanes();
            resources.add(lanes);

            TelegramSettings tg = settings.telegram();
            TelegramReplySender sender = new TelegramReplySender(calls, telegram, new OutboundRateLimiter(
                    tg.rateLimit(), tg.messagesPerSecond(), tg.chatMessagesPerSecond(), tg.groupMessagesPerMinute()));
            ChatHandler handler = new ChatHandler(conversations, inbox, sender, new TypingIndicator(sender, scheduler),
                    new DraftPreviews(telegram, settings.bot().streaming()), identity, settings.bot().allowedUsers(), settings.bot().memoryExchanges(),
                    settings.bot().maxQuestionLength());
            UpdateReceiver receiver = new UpdateReceiver(new MessageInterpreter(identity), handler, lanes, inbox,
                    settings.bot().rateLimitMessages(), settings.bot().rateLimitPeriod());
            receiver.resume(inbox.pending());
            TelegramPolling polling = new TelegramPolling(http, token, url);
            resources.add(polling);
            // the stored watermark is the highest id recorded: asking for the next one confirms everything up to it
            polling.start(receiver, inbox.watermark() + 1);

            log.info("Started as {} (model {}, memory {} exchange(s), data in {})", identity.mention(),
                    settings.gemini().model(), settings.bot().memoryExchanges(), settings.bot().dataDir().toAbsolutePath());
            return new App(resources, receiver, polling, lanes, failure);
        } catch (StartupException e) {
            closeAll(resources);
            throw e;
        } catch (TelegramApiException e) {
            closeAll(resources);
            throw new StartupException("Cannot start polling Telegram: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** Waits until every message handed over so far has been dealt with; true if that happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lanes.awaitIdle(timeout);
    }

    /** Completes with a reason when the bot cannot go on (a damaged store); the caller should stop it. */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /**
     * Stops polling, lets answers in flight finish (up to {@code grace}), then closes the store. Returns false
     * if something could not be stopped cleanly (the store could not commit, e.g. a full disk).
     */
    public synchronized boolean close(Duration grace) {
        if (closed) {
            return true;
        }
        closed = true;
        receiver.stopAccepting();
        polling.close(); // first: no new work
        try {
            if (!lanes.awaitIdle(grace)) {
                // expected under load (flood limits pace replies): nothing is lost, the inbox keeps them
                log.info("Stopping with work left for {} conversation(s); it is finished after the next start",
                        lanes.activeLanes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean clean = closeAll(resources) && !failure.isDone();
        log.info(clean ? "Stopped" : "Stopped, not cleanly (see the errors above)");
        return clean;
    }

    @Override
    public void close() {
        close(SHUTDOWN_GRACE);
    }

    private static BotIdentity identify(TelegramCalls telegram, Settings settings) throws StartupException {
        try {
            User me = telegram.execute(new GetMe());
            return new BotIdentity(me.getId(), me.getUserName());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                throw new StartupException("Telegram rejected TELEGRAM_BOT_TOKEN (" + e.getErrorCode()
                        + " " + e.getApiResponse() + "): check the token @BotFather gave you", e);
            }
            throw new StartupException("Telegram getMe failed: " + e.getErrorCode() + " " + e.getApiResponse(), e);
        } catch (TelegramApiException e) {
            throw new StartupException("Cannot reach Telegram at " + settings.telegram().apiUrl() + ": "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while asking Telegram who the bot is", e);
        }
    }

    /** The command menu is a convenience: failing to set it is logged, not fatal. */
    private static void registerCommands(TelegramCalls telegram) {
        try {
            telegram.execute(new SetMyCommands(List.of(
                    new BotCommand("ask", "Ask Gemini (in groups: /ask your question)"),
                    new BotCommand("reset", "Forget our conversation here"),
                    new BotCommand("history", "Show what I remember here"),
                    new BotCommand("help", "How to use this bot"),
                    new BotCommand("start", "What this bot does"))));
        } catch (TelegramApiException e) {
            log.warn("Could not register the command menu: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OkHttpClient telegramHttpClient() {
        return new OkHttpClient.Builder()
                // a local telegram-bot-api speaks HTTP/1.1: keep enough idle connections for a burst of answers
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .connectTimeout(15, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                // long polls hold the connection for TelegramPolling's timeout (50 s); leave room above it
                .readTimeout(75, TimeUnit.SECONDS)
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Closes every resource, last opened first; false if any failed. */
    private static boolean closeAll(List<AutoCloseable> resources) {
        boolean clean = true;
        for (int i = resources.size() - 1; i >= 0; i--) {
            clean &= closeQuietly(resources.get(i));
        }
        return clean;
    }

    private static boolean closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
            return true;
        } catch (Exception e) {
            log.error("Error while stopping: {}", e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }
}
