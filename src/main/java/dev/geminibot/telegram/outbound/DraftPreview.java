package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;

import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.telegram.format.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows an answer in a private chat while Gemini writes it, with {@code sendMessageDraft}: the first draft
 * once the answer has been coming for 300 ms (a quicker one needs none), then at most one per {@code interval}, never two in flight, always the newest text (the part
 * of it being written, when it is longer than one message: at most 4096 characters as the user sees them, however
 * long its HTML, see {@link HtmlMessageDraft}). A draft is an ephemeral preview: the complete
 * answer is still sent with sendMessage, after {@link #close()}, which waits for the draft in flight so that
 * no stale preview lands after the real message. A failed draft stops the preview; the answer still comes.
 */
final class DraftPreview implements AnswerPreviews.AnswerPreview {
    private static final Logger log = LoggerFactory.getLogger(DraftPreview.class);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);
    /** A stream that completes sooner needs no preview (as with "typing..."): no call, no flicker. */
    private static final Duration FIRST_AFTER = Duration.ofMillis(300);

    private final TelegramApi telegram;
    private final ReplyTarget target;
    private final int draftId;
    private final Duration interval;
    private final AtomicReference<String> newest = new AtomicReference<>();
    private final Object lock = new Object();
    private Thread inFlight; // guarded by lock
    private long firstPieceNanos; // guarded by lock
    private long lastSentNanos; // guarded by lock
    private boolean stopped; // guarded by lock

    DraftPreview(TelegramApi telegram, ReplyTarget target, int draftId, Duration interval) {
        this.telegram = telegram;
        this.target = target;
        this.draftId = draftId;
        this.interval = interval;
    }

    /** The text received so far; called on the model client's threads, so it never blocks. */
    @Override
    public void show(String textSoFar) {
        newest.set(textSoFar);
        synchronized (lock) {
            long now = System.nanoTime();
            if (firstPieceNanos == 0) {
                firstPieceNanos = now;
            }
            boolean due = lastSentNanos == 0
                    ? now - firstPieceNanos >= FIRST_AFTER.toNanos()
                    : now - lastSentNanos >= interval.toNanos();
            if (stopped || !due || (inFlight != null && inFlight.isAlive())) {
                return;
            }
            lastSentNanos = now;
            inFlight = Thread.startVirtualThread(this::sendNewest);
        }
    }

    private void sendNewest() {
        List<String> parts = TelegramReplyFormat.split(TelegramHtml.fromMarkdown(newest.get()));
        if (parts.isEmpty()) {
            return;
        }
        try {
            telegram.tryCall(target.chatId(), new HtmlMessageDraft(target.chatId(), draftId, parts.getLast()));
        } catch (TelegramApiException e) {
            log.info("Draft preview for chat {} failed ({}); the answer will come when complete",
                    target.chatId(), TelegramCalls.describe(e));
            synchronized (lock) {
                stopped = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the bot is stopping: no more previews
            synchronized (lock) {
                stopped = true;
            }
        }
    }

    /** Stops previewing and waits for the draft in flight. */
    @Override
    public void close() {
        Thread last;
        synchronized (lock) {
            stopped = true;
            last = inFlight;
        }
        if (last != null) {
            try {
                last.join(JOIN_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
