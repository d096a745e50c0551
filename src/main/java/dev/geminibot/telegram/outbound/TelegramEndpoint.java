package dev.geminibot.telegram.outbound;

import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;

/** Turns the configured Bot API server root into the client library's {@link TelegramUrl}. */
public final class TelegramEndpoint {
    private TelegramEndpoint() {
    }

    public static TelegramUrl of(URI apiUrl) {
        String scheme = apiUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, apiUrl.getHost(), port, false);
    }
}
