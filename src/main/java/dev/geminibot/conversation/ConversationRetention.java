package dev.geminibot.conversation;

import java.time.Instant;

/**
 * The stored conversations as a whole, for privacy: forgetting one user everywhere, and letting conversations
 * nobody touched for long expire (a port; the store implements it).
 */
public interface ConversationRetention {

    /** Deletes every conversation of {@code userId}, in every chat and forum topic; returns how many there were. */
    int deleteConversationsOf(long userId);

    /**
     * Deletes the conversations last changed before {@code cutoff}; returns how many. A conversation stored
     * before changes were dated counts as changed at the first call.
     */
    int deleteIdleSince(Instant cutoff);

    /** How many conversations are stored. */
    long size();
}
