package dev.geminibot.telegram.outbound;

import dev.geminibot.requests.ReplyFormat;
import dev.geminibot.telegram.format.HtmlSplitter;
import dev.geminibot.telegram.format.TelegramHtml;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Replies as Telegram HTML ({@link TelegramHtml}), cut into messages of at most 4096 characters. */
public final class TelegramReplyFormat implements ReplyFormat {
    /** Telegram's limit for one message text, in UTF-16 code units after entity parsing. */
    public static final int TELEGRAM_LIMIT = 4096;
    /** Footnote marks Gemini writes ({@code [^1]}, {@code [^note]:}), which CommonMark leaves as text. */
    private static final Pattern FOOTNOTE = Pattern.compile("(?m)^[ \\t]*\\[\\^[^\\]\\s]{1,20}\\]:[ \\t]*|\\[\\^[^\\]\\s]{1,20}\\]");

    @Override
    public Optional<String> answer(String markdown, Optional<String> note) {
        String html = TelegramHtml.fromMarkdown(markdown);
        if (TelegramHtml.showsNothing(html)) {
            return Optional.empty();
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
        return split(formatted);
    }

    /** The messages {@code html} is sent as. */
    static List<String> split(String html) {
        return HtmlSplitter.split(html, TELEGRAM_LIMIT);
    }
}
