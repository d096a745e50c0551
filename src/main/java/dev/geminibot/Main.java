package dev.geminibot;

import dev.geminibot.config.InvalidSettingException;
import dev.geminibot.config.Settings;
import dev.geminibot.config.SettingsLoader;
import dev.geminibot.logging.LogRedaction;
import dev.geminibot.logging.SecretRedactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point: reads settings, starts the bot, and on SIGTERM or SIGINT stops it cleanly and exits 0.
 * Any start-up failure ends the process with one line on stderr and a non-zero status.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = new SettingsLoader(System.getenv()).load();
        } catch (InvalidSettingException e) {
            fail(2, e.getMessage());
            return;
        }
        SecretRedactor redactor = new SecretRedactor(List.of(settings.telegram().botToken(), settings.gemini().apiKey()));
        LogRedaction.install(redactor);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> log.error("Uncaught exception in {}", thread.getName(), e));

        App app;
        try {
            app = App.start(settings);
        } catch (StartupException e) {
            fail(1, redactor.redact(e.getMessage()));
            return;
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        stopRequested.await();
        log.info("Stop requested; finishing answers in flight");
        app.close();
        System.exit(0);
    }

    private static void fail(int status, String message) {
        System.err.println("gemini-telegram-bot: " + message);
        System.exit(status);
    }
}
