package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.requests.TypingIndicator;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps "typing..." visible while an answer is being prepared: from 300 ms on (a quicker answer needs none),
 * renewed every four seconds because Telegram shows the action for about five, until the handle is closed.
 */
public final class TelegramTyping implements TypingIndicator {
    private static final Duration RENEWAL = Duration.ofSeconds(4);
    /** An answer ready sooner needs no "typing..." flash, and a burst of messages is not doubled by actions. */
    private static final Duration FIRST_AFTER = Duration.ofMillis(300);

    private final TelegramReplySender sender;
    private final ScheduledExecutorService scheduler;

    public TelegramTyping(TelegramReplySender sender, ScheduledExecutorService scheduler) {
        this.sender = sender;
        this.scheduler = scheduler;
    }

    @Override
    public Typing show(ReplyTarget target) {
        // Sends run on virtual threads so that one slow request never delays the other chats' renewals.
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(
                () -> Thread.startVirtualThread(() -> sender.typing(target)),
                FIRST_AFTER.toMillis(), RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

}
