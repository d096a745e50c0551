package dev.geminibot.requests;

import dev.geminibot.conversation.ConversationRetention;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.delivery.Inbox;

import java.util.OptionalLong;

/**
 * {@code /forget}: deletes everything stored about one user — their conversations in every chat and forum topic,
 * their messages still waiting in the inbox, their usage counts — and what the process keeps of them for
 * {@code /retry}. An admin's {@code /allow} or {@code /deny} about them stays: it is the admin's decision, not
 * the user's data.
 */
public final class ForgetUser {

    /** Who sent a recorded request (the messenger's payloads are opaque here); empty if it cannot tell. */
    @FunctionalInterface
    public interface Senders {
        OptionalLong senderOf(Inbox.Entry entry);
    }

    /** What was deleted. */
    record Forgotten(int conversations, int waitingMessages) {
    }

    private final ConversationRetention stored;
    private final ConversationService conversations;
    private final Inbox inbox;
    private final Senders senders;
    private final DailyUsage usage;

    public ForgetUser(ConversationRetention stored, ConversationService conversations, Inbox inbox, Senders senders,
                      DailyUsage usage) {
        this.stored = stored;
        this.conversations = conversations;
        this.inbox = inbox;
        this.senders = senders;
        this.usage = usage;
    }

    /** Forgets {@code userId}; the request asking it ({@code askedIn}) stays in the inbox until it is answered. */
    Forgotten forget(long userId, long askedIn) {
        int deleted = stored.deleteConversationsOf(userId);
        int waiting = inbox.forget(entry -> entry.id() != askedIn
                && senders.senderOf(entry).stream().anyMatch(sender -> sender == userId));
        usage.forget(userId);
        conversations.forgetPendingQuestionsOf(userId);
        return new Forgotten(deleted, waiting);
    }
}
