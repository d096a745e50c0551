package dev.geminibot.requests;

import java.util.Set;

/**
 * Who may use the bot and how long a question may be.
 *
 * @param allowedUsers user ids allowed to use the bot; empty means everyone
 * @param maxQuestionLength the longest question (characters) sent to the model
 */
public record RequestPolicy(Set<Long> allowedUsers, int maxQuestionLength) {
    public RequestPolicy {
        allowedUsers = Set.copyOf(allowedUsers);
        if (maxQuestionLength < 1) {
            throw new IllegalArgumentException("maxQuestionLength must be >= 1, got " + maxQuestionLength);
        }
    }
}
