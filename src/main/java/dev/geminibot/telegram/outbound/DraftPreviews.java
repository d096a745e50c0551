package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;

import dev.geminibot.requests.Incoming;

import java.time.Duration;
import java.util.Optional;

/** Opens a {@link DraftPreview} for a request when streaming is on and the chat is private. */
public final class DraftPreviews implements AnswerPreviews {
    /** Drafts are not rate-limited by Telegram's documentation; one a second is what chat apps do for edits. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final TelegramApi telegram;
    private final boolean enabled;

    public DraftPreviews(TelegramApi telegram, boolean enabled) {
        this.telegram = telegram;
        this.enabled = enabled;
    }

    /** A preview, or empty when answers are not streamed here (groups: drafts are for private chats only). */
    @Override
    public Optional<AnswerPreview> open(Incoming incoming) {
        if (!enabled || !incoming.privateChat()) {
            return Optional.empty();
        }
        return Optional.of(new DraftPreview(telegram, incoming.target(), (int) incoming.updateId(), INTERVAL));
    }
}
