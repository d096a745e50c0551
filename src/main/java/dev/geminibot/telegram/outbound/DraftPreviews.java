package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.Incoming;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;

/** Opens a {@link DraftPreview} for a request when streaming is on and the chat is private; null otherwise. */
public final class DraftPreviews {
    /** Drafts are not rate-limited by Telegram's documentation; one a second is what chat apps do for edits. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final TelegramClient client;
    private final boolean enabled;

    public DraftPreviews(TelegramClient client, boolean enabled) {
        this.client = client;
        this.enabled = enabled;
    }

    /** A preview, or null when answers are not streamed here (groups: drafts are for private chats only). */
    public DraftPreview open(Incoming incoming) {
        boolean privateChat = incoming.conversation().chatId() == incoming.userId() && incoming.conversation().chatId() > 0;
        if (!enabled || !privateChat) {
            return null;
        }
        return new DraftPreview(client, incoming.target(), (int) incoming.updateId(), INTERVAL);
    }
}
