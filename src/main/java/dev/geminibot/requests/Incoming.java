package dev.geminibot.requests;

import dev.geminibot.conversation.ConversationKey;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the bot will act on: the update it came in, whose conversation it belongs to, who sent it and
 * when, where to answer, and what it asks.
 *
 * @param languageCode the sender's language as their Telegram client reports it ({@code pt-br}); null if not
 *                     reported: the bot's own texts follow it ({@link BotTexts#in})
 */
public record Incoming(long updateId, ConversationKey conversation, long userId, Instant sentAt, ReplyTarget target,
                       Request request, String languageCode) {
    public Incoming {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
    }

    /** A private chat with the sender (positive chat id, the sender's own). */
    public boolean privateChat() {
        return conversation.chatId() == userId && conversation.chatId() > 0;
    }

    /** The same message, asking {@code other} instead. */
    public Incoming asking(Request other) {
        return new Incoming(updateId, conversation, userId, sentAt, target, other, languageCode);
    }
}
