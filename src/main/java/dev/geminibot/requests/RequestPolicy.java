package dev.geminibot.requests;

import java.util.Set;

/**
 * Who may use the bot, who administers it, in which groups it answers, and how long a question may be.
 *
 * @param allowedUsers user ids allowed to use the bot; empty means everyone
 * @param maxQuestionLength the longest question (characters) sent to the model
 * @param adminUsers user ids who may use the admin commands ({@code /stats}, {@code /allow}, {@code /deny})
 * @param allowedChats group chat ids the bot answers in; empty means every group
 */
public record RequestPolicy(Set<Long> allowedUsers, int maxQuestionLength, Set<Long> adminUsers, Set<Long> allowedChats) {
    public RequestPolicy {
        allowedUsers = Set.copyOf(allowedUsers);
        adminUsers = Set.copyOf(adminUsers);
        allowedChats = Set.copyOf(allowedChats);
        if (maxQuestionLength < 1) {
            throw new IllegalArgumentException("maxQuestionLength must be >= 1, got " + maxQuestionLength);
        }
    }

    /** No admins, every group. */
    public RequestPolicy(Set<Long> allowedUsers, int maxQuestionLength) {
        this(allowedUsers, maxQuestionLength, Set.of(), Set.of());
    }
}
