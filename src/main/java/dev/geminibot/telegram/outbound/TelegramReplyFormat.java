package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ReplyFormat;
import dev.geminibot.telegram.format.HtmlSplitter;
import dev.geminibot.telegram.format.RichMarkdown;
import dev.geminibot.telegram.format.TelegramHtml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replies as Telegram HTML ({@link TelegramHtml}), cut into messages of at most 4096 characters; with rich
 * answers on, the model's answers as Markdown for rich messages instead ({@link RichMarkdown}: up to 32,768
 * characters each, cut at block boundaries), a block the rich limits cannot take as HTML. The bot's own words
 * are always HTML.
 */
public final class TelegramReplyFormat implements ReplyFormat {
    /** Telegram's limit for one message text, in UTF-16 code units after entity parsing. */
    public static final int TELEGRAM_LIMIT = 4096;
    /** Footnote marks Gemini writes ({@code [^1]}, {@code [^note]:}), which CommonMark leaves as text. */
    private static final Pattern FOOTNOTE = Pattern.compile("(?m)^[ \\t]*\\[\\^[^\\]\\s]{1,20}\\]:[ \\t]*|\\[\\^[^\\]\\s]{1,20}\\]");

    private final boolean rich;

    /** Answers as HTML messages. */
    public TelegramReplyFormat() {
        this(false);
    }

    /** @param rich answers as rich messages (HTML when the server refuses one) */
    public TelegramReplyFormat(boolean rich) {
        this.rich = rich;
    }

    @Override
    public Optional<String> answer(String markdown, Optional<String> note) {
        String html = TelegramHtml.fromMarkdown(markdown);
        if (TelegramHtml.showsNothing(html)) {
            return Optional.empty();
        }
        if (rich) {
            return Optional.of(RichReply.encode(note.map(text -> markdown.strip() + "\n\n_" + RichMarkdown.escape(text) + "_")
                    .orElse(markdown)));
        }
        return Optional.of(note.map(text -> html + "\n\n<i>" + TelegramHtml.escape(text) + "</i>").orElse(html));
    }

    @Override
    public String text(String plain) {
        return TelegramHtml.escape(plain);
    }

    @Override
    public String readable(String markdown) {
        String plain = TelegramHtml.toPlainText(TelegramHtml.fromMarkdown(markdown));
        return FOOTNOTE.matcher(plain).replaceAll("");
    }

    @Override
    public String bold(String plain) {
        return "<b>" + TelegramHtml.escape(plain) + "</b>";
    }

    @Override
    public int messageLimit() {
        return TELEGRAM_LIMIT;
    }

    @Override
    public List<String> parts(String formatted) {
        Optional<String> markdown = RichReply.markdownOf(formatted);
        if (markdown.isEmpty()) {
            return split(formatted);
        }
        List<String> parts = new ArrayList<>();
        for (RichMarkdown.Part part : RichMarkdown.split(markdown.get())) {
            if (part.fits()) {
                parts.add(RichReply.encode(part.markdown()));
            } else {
                parts.addAll(split(TelegramHtml.fromMarkdown(part.markdown())));
            }
        }
        return parts;
    }

    /** The messages {@code html} is sent as. */
    static List<String> split(String html) {
        return HtmlSplitter.split(html, TELEGRAM_LIMIT);
    }
}
