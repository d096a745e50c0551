package dev.geminibot.telegram;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says in plain words why polling fails when the library cannot: it drops the body of a failed getUpdates
 * and logs only "Error received...". Logs once per run of identical failures, never the URL (it holds the token).
 */
public final class PollingDiagnostics implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(PollingDiagnostics.class);

    private final AtomicInteger lastStatus = new AtomicInteger(200);

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (!chain.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
            return response;
        }
        int status = response.code();
        if (lastStatus.getAndSet(status) != status) {
            switch (status) {
                case 409 -> log.error("Telegram refuses getUpdates with 409 Conflict: another process is polling with "
                        + "this bot token, or a webhook is set ({}). Stop the other instance; this one keeps retrying.",
                        description(response));
                case 401, 404 -> log.error("Telegram rejects the bot token on getUpdates ({}): was it revoked? "
                        + "Set a valid TELEGRAM_BOT_TOKEN.", description(response));
                case 200 -> log.info("Polling Telegram works again");
                default -> {
                    if (status >= 400) {
                        log.warn("Telegram answered getUpdates with {} ({}); polling backs off and retries",
                                status, description(response));
                    }
                }
            }
        }
        return response;
    }

    private static String description(Response response) throws IOException {
        String body = response.peekBody(4096).string();
        int start = body.indexOf("\"description\":\"");
        if (start < 0) {
            return "HTTP " + response.code();
        }
        int from = start + "\"description\":\"".length();
        int end = body.indexOf('"', from);
        return end < 0 ? body.substring(from) : body.substring(from, end);
    }
}
