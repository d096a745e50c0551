package dev.geminibot;

import dev.geminibot.config.BotSettings;
import dev.geminibot.config.MediaSettings;
import dev.geminibot.config.Settings;
import dev.geminibot.config.SettingsSummary;
import dev.geminibot.config.TelegramSettings;
import dev.geminibot.conversation.Attachments;
import dev.geminibot.conversation.ConversationExpiry;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.conversation.ConversationSettings;
import dev.geminibot.delivery.ConversationLanes;
import dev.geminibot.delivery.Intake;
import dev.geminibot.gemini.GeminiChatModels;
import dev.geminibot.gemini.GeminiModelCheck;
import dev.geminibot.metrics.HealthServer;
import dev.geminibot.metrics.MicrometerMetrics;
import dev.geminibot.metrics.Readiness;
import dev.geminibot.requests.Albums;
import dev.geminibot.requests.AnswerQuestion;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.BotTexts;
import dev.geminibot.requests.Phrasebook;
import dev.geminibot.requests.Command;
import dev.geminibot.requests.Commands;
import dev.geminibot.requests.DailyUsage;
import dev.geminibot.requests.ForgetUser;
import dev.geminibot.requests.ReplyDelivery;
import dev.geminibot.requests.RequestHandler;
import dev.geminibot.requests.RequestPolicy;
import dev.geminibot.requests.StopButtons;
import dev.geminibot.requests.UserRateLimiter;
import dev.geminibot.store.MapDbChatMemoryStore;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.store.MapDbAccessList;
import dev.geminibot.store.MapDbInbox;
import dev.geminibot.store.MapDbUsageLedger;
import dev.geminibot.support.Backoff;
import dev.geminibot.telegram.files.TelegramFiles;
import dev.geminibot.telegram.inbound.MessageInterpreter;
import dev.geminibot.telegram.inbound.TelegramPolling;
import dev.geminibot.telegram.inbound.UpdateReceiver;
import dev.geminibot.telegram.outbound.DraftPreviews;
import dev.geminibot.telegram.outbound.LiveMessages;
import dev.geminibot.telegram.outbound.OutboundRateLimiter;
import dev.geminibot.telegram.outbound.TelegramApi;
import dev.geminibot.telegram.outbound.TelegramBotSetup;
import dev.geminibot.telegram.outbound.TelegramCalls;
import dev.geminibot.telegram.outbound.TelegramEndpoint;
import dev.geminibot.telegram.outbound.TelegramReplyFormat;
import dev.geminibot.telegram.outbound.TelegramReplySender;
import dev.geminibot.telegram.outbound.TelegramTyping;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
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
    /** getUpdates failures back off from 500 ms, doubling to 30 s, for ever (an outage is waited out). */
    private static final Backoff POLLING_BACKOFF = new Backoff(Duration.ofMillis(500));

    private final List<AutoCloseable> resources;
    private final UpdateReceiver receiver;
    private final TelegramPolling polling;
    private final ConversationLanes lanes;
    private final CompletableFuture<String> failure;
    private final HealthServer health; // null when BOT_HTTP_PORT is not set
    private boolean closed;

    private App(List<AutoCloseable> resources, UpdateReceiver receiver, TelegramPolling polling,
                ConversationLanes lanes, CompletableFuture<String> failure, HealthServer health) {
        this.health = health;
        this.failure = failure;
        this.resources = resources;
        this.receiver = receiver;
        this.polling = polling;
        this.lanes = lanes;
    }

    public static App start(Settings settings) throws StartupException {
        List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
        try {
            // what waits on the network or a TLS set-up runs while the store opens and the rest is built (two cores)
            MicrometerMetrics metrics = new MicrometerMetrics();
            TelegramSettings tg = settings.telegram();
            Backoff telegramBackoff = new Backoff(tg.retryBackoff());
            FutureTask<TelegramConnection> connection = started("telegram-client",
                    () -> TelegramConnection.open(tg, telegramBackoff, metrics));
            resources.add(() -> TelegramConnection.closeOnceOpened(connection));
            // a wrong key or model is the operator's error, not a user's; checked while the rest is built
            FutureTask<Void> geminiCheck = started("gemini-check", () -> {
                new GeminiModelCheck(settings.gemini()).run();
                return null;
            });
            MapDbDatabase database = MapDbDatabase.open(settings.bot().dataDir());
            resources.add(database);
            CompletableFuture<String> failure = new CompletableFuture<>();
            database.whenDamaged(() -> failure.complete("The conversation store in "
                    + settings.bot().dataDir().toAbsolutePath() + " is damaged; stopping (see the log for details)"));
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            MapDbInbox inbox = new MapDbInbox(database);

            TelegramConnection telegramConnection = outcome(connection);
            OkHttpClient http = telegramConnection.http();
            TelegramClient telegram = telegramConnection.client();
            TelegramBotSetup setup = telegramConnection.setup();
            TelegramUrl url = TelegramEndpoint.of(tg.apiUrl());
            TelegramApi api = new TelegramApi(new TelegramCalls(telegram, TELEGRAM_ATTEMPTS, telegramBackoff, metrics),
                    rateLimiter(tg.floodLimits()));
            TelegramPolling polling = new TelegramPolling(http, tg.botToken(), url, POLLING_BACKOFF);
            resources.add(polling);
            FutureTask<Void> webhookDeleted = started("telegram-webhook", () -> {
                geminiCheck.get(); // a start refused for Gemini's key or model leaves a webhook as it was
                polling.deleteWebhook();
                return null;
            });
            Commands commands = new Commands();

            BotSettings bot = settings.bot();
            MediaSettings media = settings.media();
            TelegramFiles files = new TelegramFiles(new TelegramCalls(telegram, TELEGRAM_ATTEMPTS, telegramBackoff, metrics),
                    http, tg.apiUrl(), tg.botToken(), media.maxDownloadBytes(), media.cacheBytes());
            ConversationService conversations = new ConversationService(
                    GeminiChatModels.chatModel(settings.gemini(), List.of(metrics.gemini())),
                    bot.streaming() ? Optional.of(GeminiChatModels.streamingModel(settings.gemini(), List.of(metrics.gemini())))
                            : Optional.empty(),
                    store, database, conversationSettings(settings),
                    new Attachments(files, media.maxRequestBytes(), media.memoryBytes()));
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("typing-indicator").daemon(true).factory());
            resources.add(scheduler::shutdownNow);
            ConversationLanes lanes = new ConversationLanes();
            resources.add(lanes);

            LiveMessages liveMessages = new LiveMessages();
            TelegramReplySender sender = new TelegramReplySender(api, liveMessages);
            StopButtons stopButtons = new StopButtons();
            TelegramReplyFormat format = new TelegramReplyFormat(bot.answers().rich());
            BotIdentity identity = outcome(telegramConnection.identity());
            outcome(geminiCheck);
            BotTexts texts = new BotTexts(identity, bot.memoryExchanges(), Phrasebook.load());
            ReplyDelivery replies = new ReplyDelivery(inbox, sender, format);
            Albums albums = new Albums(media.albumWait());
            DailyUsage usage = new DailyUsage(new MapDbUsageLedger(database),
                    new DailyUsage.Limits(bot.dailyLimits().messages(), bot.dailyLimits().tokens()), Clock.systemUTC());
            RequestHandler handler = new RequestHandler(
                    new AnswerQuestion(conversations, replies, new TelegramTyping(api, scheduler),
                            new DraftPreviews(api, new DraftPreviews.Options(bot.streaming(), bot.answers().rich(),
                                    bot.answers().draftRefresh(), bot.answers().groupLive()), stopButtons, liveMessages),
                            format, texts, Math.min(media.maxDownloadBytes(), media.maxRequestBytes()), usage),
                    replies,
                    new Command.Tools(conversations, texts, commands, format),
                    new RequestPolicy(bot.admission().allowedUsers(), bot.admission().maxQuestionLength(),
                            bot.admission().adminUsers(), bot.admission().allowedChats()),
                    metrics, usage, new MapDbAccessList(database),
                    new ForgetUser(store, conversations, inbox, UpdateReceiver::senderOf, usage), albums);
            UpdateReceiver receiver = new UpdateReceiver(new MessageInterpreter(identity, commands), handler,
                    new Intake(inbox, lanes), new UserRateLimiter(bot.admission().rateLimitMessages(), bot.admission().rateLimitPeriod()),
                    albums);
            receiver.resume();
            polling.countIn(metrics);
            polling.pressStopButtonsIn(stopButtons);
            metrics.gauge("bot.lanes.active", "Conversations with work queued or running", lanes::activeLanes);
            metrics.gauge("bot.gemini.waiting", "Requests waiting for a free Gemini slot", conversations::waitingForModel);
            metrics.gauge("bot.inbox.pending", "Requests recorded and not yet finished", inbox::pendingCount);
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("conversation-expiry").daemon(true).factory());
            resources.add(sweeper::shutdownNow);
            metrics.conversationsExpired(0); // the counter is there before the first sweep
            Duration sweepEvery = ConversationExpiry.sweepEvery(bot.conversationExpiry());
            sweeper.scheduleWithFixedDelay(new ConversationExpiry(store, bot.conversationExpiry(), Clock.systemUTC(),
                    metrics::conversationsExpired), sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
            Duration every = bot.summaryInterval();
            scheduler.scheduleAtFixedRate(() -> log.info("In the last {}: {}", humane(every), metrics.summarySinceLast()),
                    every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            HealthServer health = null;
            if (bot.http().port().isPresent()) {
                health = HealthServer.start(bot.http().host(), bot.http().port().getAsInt(),
                        () -> failure.isDone() ? Optional.of(failure.getNow("stopping")) : Optional.<String>empty(),
                        new Readiness(polling::lastSuccess, polling::refusal, metrics.gemini(), Clock.systemUTC()),
                        metrics);
                resources.add(health);
            }
            outcome(webhookDeleted);
            // the stored watermark is the highest id recorded: asking for the next one confirms everything up to it
            polling.start(receiver, inbox.watermark() + 1);
            // the bulk of the store, the conversations, is read through off the way to the first poll
            Thread.ofVirtual().name("store-check").start(database::verifyDeferred);
            // one call per language: kept off the way to the first poll, as the menu is only a convenience
            Thread.ofVirtual().name("command-menu").start(() -> {
                setup.registerCommands(commands.all(), texts);
                setup.registerAdminCommands(java.util.stream.Stream.concat(commands.all().stream(),
                        commands.adminOnly().stream()).toList(), texts, bot.admission().adminUsers());
            });

            // after the start, so that a start that fails says so in one line (README, "Configuration")
            log.info("Settings: {}", SettingsSummary.of(settings));
            log.info("Started as {} (model {}, memory {} exchange(s), data in {})", identity.mention(),
                    settings.gemini().model(), settings.bot().memoryExchanges(), settings.bot().dataDir().toAbsolutePath());
            return new App(resources, receiver, polling, lanes, failure, health);
        } catch (TelegramBotSetup.SetupFailure | GeminiModelCheck.Refused e) {
            closeAll(resources);
            throw new StartupException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(resources);
            throw new StartupException("Interrupted while starting (asking Telegram and Gemini)", e);
        } catch (TelegramApiException e) {
            closeAll(resources);
            throw new StartupException("Cannot start polling Telegram: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * The Telegram client (its TLS set-up is a tenth of a second at start) and, on its way, who the bot is
     * (getMe, the first call), both made while the store opens and the rest is built.
     */
    private record TelegramConnection(OkHttpClient http, TelegramClient client, TelegramBotSetup setup,
                                      FutureTask<BotIdentity> identity) implements AutoCloseable {
        static TelegramConnection open(TelegramSettings tg, Backoff backoff, MicrometerMetrics metrics) {
            OkHttpClient http = telegramHttpClient(tg.apiUrl());
            TelegramClient client = new OkHttpTelegramClient(http, tg.botToken(), TelegramEndpoint.of(tg.apiUrl()));
            // at start a wrong URL or a dead network should fail fast, not after minutes of retries
            TelegramBotSetup setup = new TelegramBotSetup(new TelegramApi(new TelegramCalls(client, 3, backoff, metrics),
                    OutboundRateLimiter.unpaced()), tg.apiUrl());
            return new TelegramConnection(http, client, setup, started("telegram-identity", setup::identify));
        }

        @Override
        public void close() {
            identity.cancel(true);
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }

        /** Closes the connection if it was made, else stops its making (a start that failed before it). */
        static void closeOnceOpened(FutureTask<TelegramConnection> connection) throws InterruptedException {
            if (connection.cancel(true)) {
                return;
            }
            try {
                connection.get().close();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // never made: nothing to close
            }
        }
    }

    /** Runs {@code task} on a virtual thread of its own. */
    private static <T> FutureTask<T> started(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofVirtual().name(name).start(future);
        return future;
    }

    /** Waits for a start-up task, passing on its failure as the exception it threw. */
    private static <T> T outcome(FutureTask<T> task)
            throws GeminiModelCheck.Refused, TelegramBotSetup.SetupFailure, TelegramApiException, InterruptedException {
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case GeminiModelCheck.Refused refused -> throw refused;
                case TelegramBotSetup.SetupFailure failure -> throw failure;
                case TelegramApiException failure -> throw failure;
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException unexpected -> throw unexpected;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Waits until every message handed over so far has been dealt with; true if that happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lanes.awaitIdle(timeout);
    }

    /** The port health and metrics are served on, if they are. */
    public OptionalInt httpPort() {
        return health == null ? OptionalInt.empty() : OptionalInt.of(health.port());
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

    private static ConversationSettings conversationSettings(Settings settings) {
        return ConversationSettings.builder()
                .systemInstruction(settings.bot().systemInstruction())
                .memoryExchanges(settings.bot().memoryExchanges())
                .maxConcurrentRequests(settings.gemini().load().maxConcurrency())
                .maxQueue(settings.gemini().load().maxQueue())
                .streamTimeout(settings.gemini().maxAnswerTime())
                .firstTextTimeout(settings.gemini().timeout())
                .build();
    }

    /** 10m, 90s, 250ms: how the operator wrote it, more or less. */
    private static String humane(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static OutboundRateLimiter rateLimiter(TelegramSettings.FloodLimits limits) {
        return limits.enabled() ? OutboundRateLimiter.pacing(new OutboundRateLimiter.Limits(limits.messagesPerSecond(),
                limits.chatMessagesPerSecond(), limits.groupMessagesPerMinute())) : OutboundRateLimiter.unpaced();
    }

    private static OkHttpClient telegramHttpClient(URI apiUrl) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if ("http".equalsIgnoreCase(apiUrl.getScheme())) {
            // a local telegram-bot-api: plain HTTP only, which spares the start OkHttp's TLS set-up (the JDK's trust
            // store read and parsed: a tenth of a second on two cores)
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return builder
                // a local telegram-bot-api speaks HTTP/1.1: keep enough idle connections for a burst of answers
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .connectTimeout(15, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                // long polls hold the connection for TelegramPolling's timeout (50 s); leave room above it
                .readTimeout(75, TimeUnit.SECONDS)
                .build();
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
