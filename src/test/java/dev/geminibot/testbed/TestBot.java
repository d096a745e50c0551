package dev.geminibot.testbed;

import dev.geminibot.App;
import dev.geminibot.StartupException;
import dev.geminibot.config.Settings;
import dev.geminibot.config.SettingsLoader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The whole bot, wired exactly as {@code Main} wires it (settings read through {@link SettingsLoader} from
 * environment variables), running in-process against a {@link FakeTelegram} and a {@link FakeGemini}. End-to-end
 * suites get one per test from {@link BotExtension}; a test that needs several independent worlds (fresh fakes
 * over the same store) builds them itself.
 */
public final class TestBot implements AutoCloseable {
    public final FakeTelegram telegram = new FakeTelegram();
    public final FakeGemini gemini = new FakeGemini();
    private Path dataDir;
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private App app;

    public TestBot(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Moves the bot's store (before {@link #start()}), e.g. to a directory made for each test. */
    void useDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Sets an environment variable for the next {@link #start()}. */
    public TestBot with(String variable, String value) {
        extraEnvironment.put(variable, value);
        return this;
    }

    public com.fasterxml.jackson.databind.ObjectMapper json() {
        return JsonHttp.JSON;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN);
        env.put("GEMINI_API_KEY", FakeGemini.KEY);
        env.put("TELEGRAM_API_URL", telegram.apiUrl());
        env.put("GEMINI_BASE_URL", gemini.baseUrlWithVersion());
        env.put("BOT_DATA_DIR", dataDir.toString());
        env.put("BOT_STREAMING", "false"); // StreamingTest turns it on; the other suites test complete answers
        env.put("BOT_ANSWER_FORMAT", "html"); // RichMessagesTest turns rich on; the other suites test HTML answers
        env.putAll(extraEnvironment);
        return env;
    }

    public TestBot start() throws StartupException {
        Settings settings = new SettingsLoader(environment()).load();
        app = App.start(settings);
        return this;
    }

    /** Stops the bot the way SIGTERM does (store closed) and starts it again on the same data directory. */
    public TestBot restart() throws StartupException {
        stop();
        return start();
    }

    /** Stops the bot the way SIGTERM does; the fakes keep running, {@link #start()} starts it again. */
    /** Why the bot gave up, once it did (see {@link App#failure()}). */
    public java.util.concurrent.CompletableFuture<String> failure() {
        return app.failure();
    }

    public void stop() {
        app.close();
        app = null;
    }

    /** The port of the health and metrics server, when {@code BOT_HTTP_PORT} is set. */
    public java.util.OptionalInt httpPort() {
        return app.httpPort();
    }

    /** Waits until {@code count} messages have been sent to {@code chatId}, and returns them. */
    public List<FakeTelegram.Sent> awaitSent(long chatId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.sentTo(chatId).size() >= count);
        return telegram.sentTo(chatId);
    }

    /** A user asks in a private chat and the test waits for the answer (the next message to that chat). */
    public String ask(long userId, String text) {
        int before = telegram.sentTo(userId).size();
        telegram.privateText(userId, text);
        return awaitSent(userId, before + 1).get(before).text();
    }

    /** Waits until Telegram has handed over every queued update and the bot has dealt with all of them. */
    public void settle() throws InterruptedException {
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.unconfirmedUpdates() == 0);
        if (!app.awaitIdle(Duration.ofSeconds(20))) {
            throw new AssertionError("the bot did not finish its work in time");
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close(Duration.ofSeconds(5));
        }
        telegram.close();
        gemini.close();
    }
}
