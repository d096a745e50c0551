package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;

import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.StopButtons;

import java.time.Duration;
import java.util.Optional;

/**
 * Opens a preview for a request when streaming is on: in private chats a {@link DraftPreview} (rich drafts with
 * rich answers, HTML drafts otherwise, each with a Stop button registered in {@link StopButtons}); in groups,
 * where drafts do not exist, a {@link LiveMessagePreview} (a message edited as the answer grows) if asked for.
 */
public final class DraftPreviews implements AnswerPreviews {
    /** Drafts are not rate-limited by Telegram's documentation; one a second is what chat apps do for edits. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** A group's answer quicker than this needs no live message: one message, no edits. */
    private static final Duration LIVE_FIRST_AFTER = Duration.ofSeconds(1);
    /** 20 messages a minute per group, edits included: one edit every 3 s leaves room for the rest. */
    private static final Duration LIVE_INTERVAL = Duration.ofSeconds(3);

    private final TelegramApi telegram;
    private final Options options;
    private final DraftPreview.Settings settings;
    private final LiveMessages liveMessages;

    /**
     * What is previewed, and how.
     *
     * @param streaming    answers are streamed at all (else nothing is previewed)
     * @param rich         drafts as rich drafts (HTML drafts once the server refuses one)
     * @param draftRefresh a draft unchanged this long is sent again (drafts vanish after about 30 s)
     * @param groupLive    groups see a live message edited as the answer grows
     */
    public record Options(boolean streaming, boolean rich, Duration draftRefresh, boolean groupLive) {
    }

    public DraftPreviews(TelegramApi telegram, Options options, StopButtons stopButtons, LiveMessages liveMessages) {
        this.telegram = telegram;
        this.options = options;
        this.settings = new DraftPreview.Settings(options.rich(), INTERVAL, options.draftRefresh(), stopButtons,
                new RichRefusals());
        this.liveMessages = liveMessages;
    }

    /** A preview, or empty when answers are not streamed here. */
    @Override
    public Optional<AnswerPreview> open(Incoming incoming) {
        if (!options.streaming()) {
            return Optional.empty();
        }
        if (incoming.privateChat()) {
            return Optional.of(new DraftPreview(telegram, incoming.target(), draftId(incoming), settings));
        }
        return options.groupLive()
                ? Optional.of(new LiveMessagePreview(telegram, incoming.target(), liveMessages, LIVE_FIRST_AFTER,
                        LIVE_INTERVAL))
                : Optional.empty();
    }

    /** Non-zero, as Telegram requires; the update id keeps drafts of different requests apart. */
    private static int draftId(Incoming incoming) {
        int id = (int) incoming.updateId();
        return id != 0 ? id : 1;
    }
}
