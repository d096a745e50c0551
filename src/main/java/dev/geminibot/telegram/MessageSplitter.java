package dev.geminibot.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into pieces Telegram accepts (at most {@link #TELEGRAM_LIMIT} UTF-16 units each), preferring a
 * paragraph break, then a line break, then a space, and never splitting a surrogate pair. The whitespace
 * at a cut is dropped; nothing else is.
 */
public final class MessageSplitter {
    /** Telegram's limit for one message text, in UTF-16 code units. */
    public static final int TELEGRAM_LIMIT = 4096;

    private MessageSplitter() {
    }

    public static List<String> split(String text, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be >= 2, got " + limit);
        }
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = cutPoint(rest, limit);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int cutPoint(String text, int limit) {
        int window = limit + 1; // a separator right after the limit still gives a full-length part
        for (String separator : new String[] {"\n\n", "\n", " "}) {
            int at = text.lastIndexOf(separator, window - separator.length());
            if (at > limit / 4) {
                return at;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
