package dev.geminibot.requests;

import dev.geminibot.conversation.ConversationRetention;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.support.LruMap;

import java.util.Collections;
import java.util.OptionalLong;
import java.util.Set;

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
    /** Update ids deleted from the inbox whose tasks may still be queued: they must end without an answer. */
    private final Set<Long> deletedRequests = Collections.synchronizedSet(Collections.newSetFromMap(new LruMap<>(10_000)));

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
        int waiting = inbox.forget(entry -> {
            boolean theirs = entry.id() != askedIn
                    && senders.senderOf(entry).stream().anyMatch(sender -> sender == userId);
            if (theirs) {
                deletedRequests.add(entry.id());
            }
            return theirs;
        });
        usage.forget(userId);
        conversations.forgetPendingQuestionsOf(userId);
        return new Forgotten(deleted, waiting);
    }

    /**
     * Whether the request {@code updateId} was deleted by a {@code /forget} while it waited on its lane: it must
     * then end without being answered (its answer would be stored again). True once per request.
     */
    boolean deleted(long updateId) {
        return deletedRequests.remove(updateId);
    }
}
