package dev.geminibot.requests;

import dev.geminibot.support.LruMap;
import java.util.Collections;
import java.util.Set;

/**
 * Who may use the bot. With an empty allowlist everyone may; otherwise others are refused once, politely,
 * and then ignored, so a stranger cannot make the bot spend its Telegram quota on refusals.
 */
final class AccessPolicy {
    private static final int REMEMBERED_REFUSALS = 10_000;

    private final Set<Long> allowedUsers;
    private final Set<Long> refused = Collections.newSetFromMap(new LruMap<>(REMEMBERED_REFUSALS)); // guarded by this

    AccessPolicy(Set<Long> allowedUsers) {
        this.allowedUsers = Set.copyOf(allowedUsers);
    }

    boolean allows(long userId) {
        return allowedUsers.isEmpty() || allowedUsers.contains(userId);
    }

    /** True the first time a refused user is seen (recently), so the caller refuses them once. */
    synchronized boolean firstRefusal(long userId) {
        return refused.add(userId);
    }
}
