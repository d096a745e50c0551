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
import java.util.concurrent.CompletableFuture;

/**
 * Entry point: reads settings, starts the bot, and on SIGTERM or SIGINT stops it cleanly and exits 0.
 * Any start-up failure ends the process with one line on stderr and a non-zero status.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // logback reads its configuration while the settings are read: two cores, a tenth of a second at start
        Thread logging = Thread.ofPlatform().name("logging-setup").start(LoggerFactory::getILoggerFactory);
        Settings settings;
        try {
            settings = new SettingsLoader(System.getenv()).load();
        } catch (InvalidSettingException e) {
            // a secret pasted into the wrong setting would be quoted in the message
            fail(2, new SecretRedactor(List.of(System.getenv().getOrDefault("TELEGRAM_BOT_TOKEN", ""),
                    System.getenv().getOrDefault("GEMINI_API_KEY", ""))).redact(e.getMessage()));
            return;
        }
        SecretRedactor redactor = new SecretRedactor(List.of(settings.telegram().botToken(), settings.gemini().apiKey()));
        logging.join();
        Logger log = LoggerFactory.getLogger(Main.class);
        LogRedaction.install(redactor, settings.bot().jsonLogs());
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> log.error("Uncaught exception in {}", thread.getName(), e));

        App app;
        try {
            app = App.start(settings);
        } catch (StartupException e) {
            fail(1, redactor.redact(e.getMessage()));
            return;
        }

        CompletableFuture<String> stopRequested = new CompletableFuture<>();
        Signal.handle(new Signal("TERM"), signal -> stopRequested.complete(null));
        Signal.handle(new Signal("INT"), signal -> stopRequested.complete(null));
        app.failure().thenAccept(stopRequested::complete);
        String failure = stopRequested.join();
        if (failure == null) {
            log.info("Stop requested; finishing answers in flight");
        } else {
            log.error(failure);
        }
        boolean clean = app.close(App.SHUTDOWN_GRACE);
        System.exit(clean && failure == null ? 0 : 1);
    }

    private static void fail(int status, String message) {
        System.err.println("gemini-telegram-bot: " + message);
        System.exit(status);
    }
}
