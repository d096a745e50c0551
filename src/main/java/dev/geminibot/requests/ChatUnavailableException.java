package dev.geminibot.requests;

/** Telegram will not deliver to this chat (403: the user blocked the bot, or it was removed from the group). */
public final class ChatUnavailableException extends Exception {
    private final long chatId;

    public ChatUnavailableException(long chatId, String reason) {
        super("Chat " + chatId + " is unavailable: " + reason);
        this.chatId = chatId;
    }

    public long chatId() {
        return chatId;
    }
}
