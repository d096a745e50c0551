package dev.geminibot.conversation;

/**
 * Identifies one remembered conversation: one user's thread in one chat. In a private chat the user is the
 * chat's other party; in a group every member has a thread of their own, separate from their private chat.
 */
public record ConversationKey(long chatId, long userId) {

    /** The stable text form used as the memory id and storage key, e.g. {@code -1001234567890:42}. */
    public String id() {
        return chatId + ":" + userId;
    }

    /** Reads the form written by {@link #id()}. */
    public static ConversationKey parse(String id) {
        int colon = id.indexOf(':', 1);
        if (colon < 0) {
            throw new IllegalArgumentException("Not a conversation id: " + id);
        }
        return new ConversationKey(Long.parseLong(id.substring(0, colon)), Long.parseLong(id.substring(colon + 1)));
    }
}
