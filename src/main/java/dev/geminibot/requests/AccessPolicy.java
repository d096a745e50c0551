package dev.geminibot.requests;

import dev.geminibot.support.LruMap;
import java.util.Collections;
import java.util.Set;

/**
 * Who may use the bot, and in which groups. Admins always may. Otherwise an admin's run-time decision
 * ({@link AccessList}) wins; without one, an empty allowlist lets everyone in, else only those on it. Others are
 * refused once, politely, and then ignored, so a stranger cannot make the bot spend its Telegram quota on
 * refusals; so are groups not on a non-empty list of allowed chats.
 */
final class AccessPolicy {
    private static final int REMEMBERED_REFUSALS = 10_000;

    private final Set<Long> allowedUsers;
    private final Set<Long> admins;
    private final Set<Long> allowedChats;
    private final AccessList decisions;
    private final Set<Long> refused = Collections.newSetFromMap(new LruMap<>(REMEMBERED_REFUSALS)); // guarded by this
    private final Set<Long> refusedChats = Collections.newSetFromMap(new LruMap<>(REMEMBERED_REFUSALS)); // guarded by this

    AccessPolicy(Set<Long> allowedUsers, Set<Long> admins, Set<Long> allowedChats, AccessList decisions) {
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.admins = Set.copyOf(admins);
        this.allowedChats = Set.copyOf(allowedChats);
        this.decisions = decisions;
    }

    boolean allows(long userId) {
        if (isAdmin(userId)) {
            return true;
        }
        return decisions.decision(userId).orElseGet(() -> allowedUsers.isEmpty() || allowedUsers.contains(userId));
    }

    /** Whether the bot answers in this group (private chats are a matter of {@link #allows}). */
    boolean allowsGroup(long chatId) {
        return allowedChats.isEmpty() || allowedChats.contains(chatId);
    }

    boolean isAdmin(long userId) {
        return admins.contains(userId);
    }

    /** True the first time a refused user is seen (recently), so the caller refuses them once. */
    synchronized boolean firstRefusal(long userId) {
        return refused.add(userId);
    }

    /** True the first time a message from a group not allowed is seen (recently), so the caller says so once. */
    synchronized boolean firstGroupRefusal(long chatId) {
        return refusedChats.add(chatId);
    }

    /** Lets {@code userId} in; the refusal is said again if they are denied later. */
    void allow(long userId) {
        decisions.allow(userId); // a store write: not under this object's lock (it would pin a virtual thread)
        forgetRefusal(userId);
    }

    void deny(long userId) {
        decisions.deny(userId);
        forgetRefusal(userId);
    }

    private synchronized void forgetRefusal(long userId) {
        refused.remove(userId);
    }

    AccessList decisions() {
        return decisions;
    }
}
