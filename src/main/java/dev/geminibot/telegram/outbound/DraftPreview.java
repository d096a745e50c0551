package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.requests.StopButtons;
import dev.geminibot.telegram.format.RichMarkdown;
import dev.geminibot.telegram.format.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows an answer in a private chat while Gemini writes it, as a draft ({@code sendRichMessageDraft} with rich
 * answers, else {@code sendMessageDraft}): the first draft once the answer has been coming for 300 ms (a quicker
 * one needs none), then at most one per {@code interval}, never two in flight, always the newest text (the part of
 * it being written, when it is longer than one message). A draft lives about 30 s on the user's screen: one that
 * has not changed for {@code refresh} is sent again, so a pause of Gemini's does not make the preview vanish.
 * A draft is an ephemeral preview: the complete answer is still sent as a message, after {@link #close()}, which
 * waits for the draft in flight so that no stale preview lands after the real message. Drafts carry a Stop
 * button; pressing it runs the action given to {@link #onStop}. A rich draft the server refuses is sent as an
 * HTML draft from then on; any other failed draft stops the preview; the answer still comes.
 */
final class DraftPreview implements AnswerPreviews.AnswerPreview {
    private static final Logger log = LoggerFactory.getLogger(DraftPreview.class);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);
    /** A stream that completes sooner needs no preview (as with "typing..."): no call, no flicker. */
    private static final Duration FIRST_AFTER = Duration.ofMillis(300);

    private final TelegramApi telegram;
    private final ReplyTarget target;
    private final int draftId;
    private final Duration refresh;
    private final StopButtons stopButtons;
    private final RichRefusals refusals;
    private final AtomicReference<String> newest = new AtomicReference<>();
    private final Object lock = new Object();
    private volatile boolean rich;
    private Thread inFlight; // guarded by lock
    private Thread refresher; // guarded by lock
    private final PreviewPacing pacing; // guarded by lock
    private boolean stopped; // guarded by lock
    private StopButtons.Registration stopButton; // guarded by lock

    DraftPreview(TelegramApi telegram, ReplyTarget target, int draftId, Settings settings) {
        this.telegram = telegram;
        this.target = target;
        this.draftId = draftId;
        this.pacing = new PreviewPacing(FIRST_AFTER, settings.interval());
        this.refresh = settings.refresh();
        this.stopButtons = settings.stopButtons();
        this.refusals = settings.refusals();
        this.rich = settings.rich();
    }

    /** How previews are made: rich or HTML, how often, renewed when, with Stop buttons registered where. */
    record Settings(boolean rich, Duration interval, Duration refresh, StopButtons stopButtons, RichRefusals refusals) {
    }

    /** The text received so far; called on the model client's threads, so it never blocks. */
    @Override
    public void show(String textSoFar) {
        newest.set(textSoFar);
        synchronized (lock) {
            long now = System.nanoTime();
            if (pacing.due(now)) {
                sendNewestIfFree(now);
            }
        }
    }

    /** Sends the newest text unless stopped or a draft is in flight; the caller holds the lock. */
    private void sendNewestIfFree(long now) {
        if (stopped || (inFlight != null && inFlight.isAlive())) {
            return;
        }
        pacing.sent(now);
        inFlight = Thread.startVirtualThread(this::sendNewest);
        if (refresher == null) {
            refresher = Thread.startVirtualThread(this::refreshWhileOpen);
        }
    }

    /** Sends the draft again whenever it has not changed for {@code refresh}, until closed. */
    private void refreshWhileOpen() {
        synchronized (lock) {
            while (!stopped) {
                long waitNanos = pacing.lastSent() + refresh.toNanos() - System.nanoTime();
                if (waitNanos <= 0) {
                    sendNewestIfFree(System.nanoTime());
                    waitNanos = refresh.toNanos();
                }
                try {
                    lock.wait(Math.max(1, waitNanos / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void sendNewest() {
        String markdown = newest.get();
        try {
            if (rich) {
                List<RichMarkdown.Part> parts = RichMarkdown.split(markdown);
                if (!parts.isEmpty() && parts.getLast().fits()) {
                    try {
                        send(new RichMessageDraft(target.chatId(), draftId, parts.getLast().markdown()));
                        return;
                    } catch (TelegramApiRequestException e) {
                        if (!TelegramReplySender.refusesRich(e)) {
                            throw e;
                        }
                        refusals.note(e.getErrorCode() + " " + e.getApiResponse());
                        rich = false;
                    }
                }
            }
            List<String> parts = TelegramReplyFormat.split(TelegramHtml.fromMarkdown(markdown));
            if (!parts.isEmpty()) {
                send(new HtmlMessageDraft(target.chatId(), draftId, parts.getLast()));
            }
        } catch (TelegramApiException e) {
            log.info("Draft preview for chat {} failed ({}); the answer will come when complete",
                    target.chatId(), TelegramCalls.describe(e));
            close(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the bot is stopping: no more previews
            close(false);
        }
    }

    private void send(BotApiMethod<?> draft) throws TelegramApiException, InterruptedException {
        telegram.trySend(target.chatId(), draft); // drafts count under the flood limits like messages
    }

    @Override
    public void onStop(Runnable stop) {
        synchronized (lock) {
            if (!stopped) {
                stopButton = stopButtons.show(target.chatId(), draftId, stop);
            }
        }
    }

    /** Stops previewing and waits for the draft in flight. */
    @Override
    public void close() {
        close(true);
    }

    private void close(boolean waitForDraft) {
        Thread last;
        synchronized (lock) {
            stopped = true;
            last = inFlight;
            if (stopButton != null) {
                stopButton.close();
                stopButton = null;
            }
            lock.notifyAll();
        }
        if (waitForDraft && last != null && last != Thread.currentThread()) {
            try {
                last.join(JOIN_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
