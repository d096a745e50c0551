package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.AnswerPreviews;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.telegram.format.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows an answer growing in a group, where drafts do not exist: once Gemini has been writing for
 * {@code firstAfter}, a first message (replying to the question, in its topic) with the text so far, then edits
 * of it at most every {@code interval}, never two in flight, never to the text it already shows (Telegram
 * refuses that with "message is not modified"). Edits count under the group's flood limit, so each takes a turn
 * if one is free and is skipped otherwise. It shows the first message's worth of the answer (4096 characters);
 * {@link TelegramReplySender} puts the complete answer in its place ({@link LiveMessages}). A failed call
 * stops the preview; the answer still comes.
 */
final class LiveMessagePreview implements AnswerPreviews.AnswerPreview {
    private static final Logger log = LoggerFactory.getLogger(LiveMessagePreview.class);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);

    private final TelegramApi telegram;
    private final ReplyTarget target;
    private final LiveMessages live;
    private final AtomicReference<String> newest = new AtomicReference<>();
    private final Object lock = new Object();
    private Thread inFlight; // guarded by lock
    private final PreviewPacing pacing; // guarded by lock
    private boolean stopped; // guarded by lock
    private volatile LiveMessages.Live shown; // written by the call in flight only

    LiveMessagePreview(TelegramApi telegram, ReplyTarget target, LiveMessages live, Duration firstAfter,
                       Duration interval) {
        this.telegram = telegram;
        this.target = target;
        this.live = live;
        this.pacing = new PreviewPacing(firstAfter, interval);
    }

    @Override
    public void show(String textSoFar) {
        newest.set(textSoFar);
        synchronized (lock) {
            long now = System.nanoTime();
            if (!pacing.due(now) || stopped || (inFlight != null && inFlight.isAlive())) {
                return;
            }
            pacing.sent(now);
            inFlight = Thread.startVirtualThread(this::sendNewest);
        }
    }

    private void sendNewest() {
        List<String> parts = TelegramReplyFormat.split(TelegramHtml.fromMarkdown(newest.get()));
        if (parts.isEmpty()) {
            return;
        }
        String html = parts.getFirst();
        LiveMessages.Live current = shown;
        if (current != null && current.html().equals(html)) {
            return; // Telegram refuses an edit to the same text
        }
        try {
            if (current == null) {
                Optional<Message> sent = trySend(SendMessage.builder().chatId(target.chatId())
                        .messageThreadId(target.threadId()).text(html).parseMode(ParseMode.HTML)
                        .replyParameters(target.replyToMessageId() == null ? null : ReplyParameters.builder()
                                .messageId(target.replyToMessageId()).allowSendingWithoutReply(true).build())
                        .build());
                sent.ifPresent(message -> remember(new LiveMessages.Live(message.getMessageId(), html)));
            } else {
                Optional<Serializable> edited = trySend(EditMessageText.builder().chatId(target.chatId())
                        .messageId(current.messageId()).text(html).parseMode(ParseMode.HTML).build());
                edited.ifPresent(ignored -> remember(new LiveMessages.Live(current.messageId(), html)));
            }
        } catch (TelegramApiException e) {
            log.info("Live answer in chat {} failed ({}); the answer will come when complete",
                    target.chatId(), TelegramCalls.describe(e));
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the bot is stopping: no more edits
            stop();
        }
    }

    private <T extends Serializable> Optional<T> trySend(
            org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod<T> method)
            throws TelegramApiException, InterruptedException {
        return telegram.trySend(target.chatId(), method);
    }

    private void remember(LiveMessages.Live now) {
        shown = now;
        live.shown(target, now);
    }

    private void stop() {
        synchronized (lock) {
            stopped = true;
        }
    }

    /** Stops editing and waits for the call in flight, so the complete answer replaces the newest text. */
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
