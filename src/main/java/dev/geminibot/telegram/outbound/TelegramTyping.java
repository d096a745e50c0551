package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.requests.TypingIndicator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps "typing..." visible while an answer is being prepared: from one second on (a quicker answer needs none),
 * renewed every four seconds because Telegram shows the action for about five, until the handle is closed.
 */
public final class TelegramTyping implements TypingIndicator {
    private static final Duration RENEWAL = Duration.ofSeconds(4);
    /**
     * An answer ready sooner needs no "typing..." flash, and a burst of messages is not doubled by actions: at
     * 300 ms, a busy bot's own queueing alone made 0.3-0.8 actions per answer (docs/benchmarks.md). Gemini's
     * first streamed words usually take longer than a second, so the user still sees it is working.
     */
    private static final Duration FIRST_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(TelegramTyping.class);

    private final TelegramApi telegram;
    private final ScheduledExecutorService scheduler;

    public TelegramTyping(TelegramApi telegram, ScheduledExecutorService scheduler) {
        this.telegram = telegram;
        this.scheduler = scheduler;
    }

    @Override
    public Typing show(ReplyTarget target) {
        // Sends run on virtual threads so that one slow request never delays the other chats' renewals.
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(
                () -> Thread.startVirtualThread(() -> typing(target)),
                FIRST_AFTER.toMillis(), RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }


    /** Shows "typing..." for about five seconds; a failure only matters for the next renewal. */
    private void typing(ReplyTarget target) {
        try {
            telegram.tryCall(target.chatId(), SendChatAction.builder()
                    .chatId(target.chatId())
                    .messageThreadId(target.threadId())
                    .action(ActionType.TYPING.toString())
                    .build());
        } catch (TelegramApiException e) {
            log.debug("Typing indicator for chat {} failed: {}", target.chatId(), TelegramCalls.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
