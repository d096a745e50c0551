package dev.geminibot.requests;

/**
 * Where an answer goes: the chat, the forum topic it came from (or null), and in groups the message it
 * replies to (or null).
 */
public record ReplyTarget(long chatId, Integer threadId, Integer replyToMessageId) {
}
