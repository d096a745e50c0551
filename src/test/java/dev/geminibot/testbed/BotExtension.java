package dev.geminibot.testbed;

import dev.geminibot.StartupException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test bed of every end-to-end suite: a {@link FakeTelegram}, a {@link FakeGemini} and the whole bot
 * ({@link TestBot}) on a fresh data directory for each test, stopped and removed after it.
 *
 * <pre>
 * &#64;RegisterExtension
 * final BotExtension bot = BotExtension.withEnv("GEMINI_RETRY_BACKOFF", "10ms");
 *
 * &#64;Test &#64;BotEnv("BOT_MAX_QUESTION_LENGTH=50")   // this test's bot only
 * void an_overlong_question_gets_a_note() { bot.ask(People.ALICE, "x".repeat(51)); ... }
 * </pre>
 */
public final class BotExtension implements BeforeEachCallback, AfterEachCallback {
    public final FakeTelegram telegram;
    public final FakeGemini gemini;
    private final TestBot bot;
    private final boolean startBot;
    private Path dataDir;

    private BotExtension(Map<String, String> environment, boolean startBot) {
        this.bot = new TestBot(null);
        this.telegram = bot.telegram;
        this.gemini = bot.gemini;
        this.startBot = startBot;
        environment.forEach(bot::with);
    }

    /** The bot starts before each test, with the test bed's environment. */
    public static BotExtension started() {
        return new BotExtension(Map.of(), true);
    }

    /** The bot starts before each test with these variables set: name, value, name, value... */
    public static BotExtension withEnv(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new BotExtension(environment, true);
    }

    /** Only the fakes run; the test starts the bot itself ({@link #start()}) or runs it as a process. */
    public static BotExtension fakesOnly() {
        return new BotExtension(Map.of(), false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("gemini-bot-test-");
        bot.useDataDir(dataDir);
        BotEnv env = context.getRequiredTestMethod().getAnnotation(BotEnv.class);
        if (env != null) {
            for (String variable : env.value()) {
                int equals = variable.indexOf('=');
                bot.with(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        if (startBot) {
            bot.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        bot.close();
        deleteRecursively(dataDir);
    }

    /** The store's directory for this test. */
    public Path dataDir() {
        return dataDir;
    }

    /** Sets an environment variable for the next {@link #start()}. */
    public BotExtension with(String variable, String value) {
        bot.with(variable, value);
        return this;
    }

    /** The environment the bot starts with (also for a bot run as a separate process). */
    public Map<String, String> environment() {
        return bot.environment();
    }

    public BotExtension start() throws StartupException {
        bot.start();
        return this;
    }

    /** See {@link TestBot#restart()}. */
    public BotExtension restart() throws StartupException {
        bot.restart();
        return this;
    }

    /** See {@link TestBot#stop()}. */
    public void stop() {
        bot.stop();
    }

    /** See {@link TestBot#httpPort()}. */
    public java.util.OptionalInt httpPort() {
        return bot.httpPort();
    }

    /** See {@link TestBot#awaitSent}. */
    public List<FakeTelegram.Sent> awaitSent(long chatId, int count) {
        return bot.awaitSent(chatId, count);
    }

    /** See {@link TestBot#ask}. */
    public String ask(long userId, String text) {
        return bot.ask(userId, text);
    }

    /** See {@link TestBot#settle()}. */
    public void settle() throws InterruptedException {
        bot.settle();
    }

    public com.fasterxml.jackson.databind.ObjectMapper json() {
        return bot.json();
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
