package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.support.LruMap;

import java.util.Map;
import java.util.Optional;

/**
 * The messages that show an answer growing in a group ({@link LiveMessagePreview}), by where the answer goes:
 * {@link TelegramReplySender} takes one to put the complete answer in its place instead of sending a new message.
 * Kept in memory only: after a restart a live message stays as it was and the answer comes as new messages.
 */
public final class LiveMessages {
    private static final int REMEMBERED = 10_000;

    /** A live message: its id and the HTML it shows now. */
    record Live(int messageId, String html) {
    }

    private final Map<ReplyTarget, Live> shown = new LruMap<>(REMEMBERED); // guarded by itself

    void shown(ReplyTarget target, Live live) {
        synchronized (shown) {
            shown.put(target, live);
        }
    }

    /** The live message of this answer, forgotten here: whoever takes it replaces it. */
    Optional<Live> take(ReplyTarget target) {
        synchronized (shown) {
            return Optional.ofNullable(shown.remove(target));
        }
    }
}
