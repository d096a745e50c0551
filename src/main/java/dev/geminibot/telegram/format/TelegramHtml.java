package dev.geminibot.telegram.format;

import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;

import java.util.List;

/**
 * Telegram's HTML dialect: Markdown (as Gemini writes it) parsed with CommonMark and rendered to the tags
 * Telegram accepts ({@code b i s code pre a blockquote}); everything else is text with {@code < > &} escaped.
 * Headings become bold, lists become bullet or numbered lines (task items ☐/☑), nested quotes are flattened, raw
 * HTML is shown as text. Tables become an aligned monospace {@code <pre>} grid, or one line per row when wider
 * than a phone; footnotes show as "[1]". LaTeX ({@code $x^2$}) stays plain, escaped text.
 */
public final class TelegramHtml {
    private static final Parser PARSER = Parser.builder().extensions(List.of(StrikethroughExtension.create(),
            TablesExtension.create(), TaskListItemsExtension.create(), FootnotesExtension.create())).build();

    private TelegramHtml() {
    }

    /** Renders Markdown to Telegram HTML. */
    public static String fromMarkdown(String markdown) {
        MarkdownRenderer renderer = new MarkdownRenderer();
        PARSER.parse(markdown).accept(renderer);
        return renderer.html().strip();
    }

    /** Escapes plain text for Telegram HTML. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether Telegram would show nothing of this HTML: every visible character is one it strips as "empty"
     * (whitespace, Unicode and no-break spaces, zero-width and direction marks, the braille blank), so it
     * would refuse the message with "message text is empty".
     */
    public static boolean showsNothing(String html) {
        return toPlainText(html).codePoints().allMatch(TelegramHtml::emptyForTelegram);
    }

    private static boolean emptyForTelegram(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || c == 0x2800 || c == 0xFFFC;
    }

    /** What the user reads of an HTML text: tags removed, entities decoded. */
    public static String toPlainText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        for (HtmlTokens.Token token : HtmlTokens.tokenize(html)) {
            if (token instanceof HtmlTokens.Chars chars) {
                out.append(chars.decoded());
            }
        }
        return out.toString();
    }
}
