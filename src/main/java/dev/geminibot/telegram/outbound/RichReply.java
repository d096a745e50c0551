package dev.geminibot.telegram.outbound;

import java.util.Optional;

/**
 * How a reply meant for a rich message is recorded for delivery (in the inbox, across restarts): its Markdown
 * behind a mark that Telegram HTML made by {@link dev.geminibot.telegram.format.TelegramHtml} can never start
 * with (it escapes every {@code <} of the text), so replies recorded before rich messages existed still read as HTML.
 */
final class RichReply {
    private static final String MARK = "<!--rich-->\n";

    private RichReply() {
    }

    static String encode(String markdown) {
        return MARK + markdown;
    }

    /** The Markdown of a recorded rich reply; empty for an HTML one. */
    static Optional<String> markdownOf(String formatted) {
        return formatted.startsWith(MARK) ? Optional.of(formatted.substring(MARK.length())) : Optional.empty();
    }
}
