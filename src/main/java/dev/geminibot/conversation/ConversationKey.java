package dev.geminibot.conversation;

/**
 * Identifies one remembered conversation: one user's thread in one chat. In a private chat the user is the
 * chat's other party; in a group every member has a thread of their own, separate from their private chat; in a
 * forum supergroup every member has a thread of their own in each topic.
 *
 * @param topicId the forum topic ({@code message_thread_id} of a topic message); 0 outside forum topics
 */
public record ConversationKey(long chatId, long userId, int topicId) {

    /** A conversation outside forum topics. */
    public ConversationKey(long chatId, long userId) {
        this(chatId, userId, 0);
    }

    public ConversationKey {
        if (topicId < 0) {
            throw new IllegalArgumentException("topicId must be >= 0, got " + topicId);
        }
    }

    /**
     * The stable text form used as the memory id and storage key: {@code -1001234567890:42} outside topics (the
     * form keys had before topics were told apart, so what was stored stays readable), {@code -1001234567890:42:7}
     * in topic 7.
     */
    public String id() {
        return topicId == 0 ? chatId + ":" + userId : chatId + ":" + userId + ":" + topicId;
    }

    /** Reads the form written by {@link #id()}. */
    public static ConversationKey parse(String id) {
        int colon = id.indexOf(':', 1);
        if (colon < 0) {
            throw new IllegalArgumentException("Not a conversation id: " + id);
        }
        long chatId = Long.parseLong(id.substring(0, colon));
        String rest = id.substring(colon + 1);
        int topicColon = rest.indexOf(':', 1);
        if (topicColon < 0) {
            return new ConversationKey(chatId, Long.parseLong(rest));
        }
        return new ConversationKey(chatId, Long.parseLong(rest.substring(0, topicColon)),
                Integer.parseInt(rest.substring(topicColon + 1)));
    }
}
