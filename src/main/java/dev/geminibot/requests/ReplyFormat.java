package dev.geminibot.requests;

import java.util.List;
import java.util.Optional;

/** Port: the messenger's text format (e.g. Telegram HTML) and its message length limit. */
public interface ReplyFormat {

    /**
     * The model's Markdown answer in the messenger's format, followed by {@code note} (the bot's own words, shown
     * apart) if there is one; empty if the answer itself would show nothing.
     */
    Optional<String> answer(String markdown, Optional<String> note);

    /** The bot's own plain text in the messenger's format (escaped). */
    String text(String plain);

    /** The model's Markdown answer as the plain text a reader sees of it: rendered, with no markup left. */
    String readable(String markdown);

    /** The bot's own plain text, escaped and shown in bold. */
    String bold(String plain);

    /** The most characters a reader sees in one message. */
    int messageLimit();

    /** The messages a formatted reply is sent as, each within the messenger's length limit. */
    List<String> parts(String formatted);
}
