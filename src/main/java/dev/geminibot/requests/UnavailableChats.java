package dev.geminibot.requests;

import dev.geminibot.support.LruMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * Chats Telegram refused to deliver to (403: the user blocked the bot, or it was removed from the group).
 * Messages written there before the refusal are skipped, so a backlog costs no Gemini calls and the refusal
 * is logged once; a message written after it means the chat is reachable again.
 */
final class UnavailableChats {
    private static final Logger log = LoggerFactory.getLogger(UnavailableChats.class);
    private static final int REMEMBERED = 10_000;

    private final Map<Long, Instant> refusedAt = Collections.synchronizedMap(new LruMap<>(REMEMBERED));

    void report(ChatUnavailableException e) {
        if (refusedAt.putIfAbsent(e.chatId(), Instant.now()) == null) {
            log.warn("{}; skipping its pending messages until it writes again", e.getMessage());
        }
    }

    /** Whether a message written at {@code sentAt} in this chat should still be answered. */
    boolean shouldAnswer(long chatId, Instant sentAt) {
        Instant refused = refusedAt.get(chatId);
        if (refused == null) {
            return true;
        }
        if (sentAt.isAfter(refused)) {
            refusedAt.remove(chatId);
            return true;
        }
        return false;
    }
}
