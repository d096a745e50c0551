package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;

import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.StopButtons;

import java.time.Duration;
import java.util.Optional;

/**
 * Opens a {@link DraftPreview} for a request when streaming is on and the chat is private: rich drafts with rich
 * answers, HTML drafts otherwise, each with a Stop button registered in {@link StopButtons}.
 */
public final class DraftPreviews implements AnswerPreviews {
    /** Drafts are not rate-limited by Telegram's documentation; one a second is what chat apps do for edits. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final TelegramApi telegram;
    private final boolean enabled;
    private final DraftPreview.Settings settings;

    /**
     * @param rich    previews as rich drafts (HTML drafts once the server refuses one)
     * @param refresh a draft unchanged this long is sent again (drafts vanish after about 30 s)
     */
    public DraftPreviews(TelegramApi telegram, boolean enabled, boolean rich, Duration refresh, StopButtons stopButtons) {
        this.telegram = telegram;
        this.enabled = enabled;
        this.settings = new DraftPreview.Settings(rich, INTERVAL, refresh, stopButtons, new RichRefusals());
    }

    /** A preview, or empty when answers are not streamed here (groups: drafts are for private chats only). */
    @Override
    public Optional<AnswerPreview> open(Incoming incoming) {
        if (!enabled || !incoming.privateChat()) {
            return Optional.empty();
        }
        return Optional.of(new DraftPreview(telegram, incoming.target(), draftId(incoming), settings));
    }

    /** Non-zero, as Telegram requires; the update id keeps drafts of different requests apart. */
    private static int draftId(Incoming incoming) {
        int id = (int) incoming.updateId();
        return id != 0 ? id : 1;
    }
}
