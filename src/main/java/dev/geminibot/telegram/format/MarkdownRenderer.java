package dev.geminibot.telegram.format;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a CommonMark tree as the HTML Telegram accepts ({@link TelegramHtml}): tags it knows, everything else
 * escaped text.
 */
final class MarkdownRenderer extends AbstractVisitor {
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");
    private static final Pattern SAFE_URL = Pattern.compile("^(https?|tg|mailto):.*", Pattern.CASE_INSENSITIVE);

    private final StringBuilder out = new StringBuilder();
    private int quoteDepth;
    private int listDepth;

    @Override
    public void visit(Paragraph paragraph) {
        if (paragraph.getParent() instanceof ListItem) {
            if (paragraph.getPrevious() != null) {
                newline();
            }
        } else {
            separateBlock();
        }
        visitChildren(paragraph);
    }

    @Override
    public void visit(Heading heading) {
        separateBlock();
        out.append("<b>");
        visitChildren(heading);
        out.append("</b>");
    }

    @Override
    public void visit(ThematicBreak thematicBreak) {
        separateBlock();
        out.append("⸻");
    }

    @Override
    public void visit(BlockQuote blockQuote) {
        separateBlock();
        if (quoteDepth++ == 0) {
            out.append("<blockquote>");
            int start = out.length();
            visitChildren(blockQuote);
            trimTrailingWhitespace(start);
            out.append("</blockquote>");
        } else {
            visitChildren(blockQuote); // Telegram rejects nested quotes
        }
        quoteDepth--;
    }

    @Override
    public void visit(FencedCodeBlock codeBlock) {
        String info = codeBlock.getInfo() == null ? "" : codeBlock.getInfo().strip().split("\\s+")[0];
        codeBlock(codeBlock.getLiteral(), LANGUAGE.matcher(info).matches() ? info.toLowerCase(Locale.ROOT) : null);
    }

    @Override
    public void visit(IndentedCodeBlock codeBlock) {
        codeBlock(codeBlock.getLiteral(), null);
    }

    private void codeBlock(String literal, String language) {
        separateBlock();
        String code = TelegramHtml.escape(literal.replaceAll("\\n+$", ""));
        if (code.isEmpty()) {
            return;
        }
        if (language != null) {
            out.append("<pre><code class=\"language-").append(language).append("\">").append(code).append("</code></pre>");
        } else {
            out.append("<pre>").append(code).append("</pre>");
        }
    }

    @Override
    public void visit(HtmlBlock htmlBlock) {
        separateBlock();
        out.append(TelegramHtml.escape(htmlBlock.getLiteral().strip()));
    }

    @Override
    public void visit(BulletList list) {
        list(list);
    }

    @Override
    public void visit(OrderedList list) {
        list(list);
    }

    private void list(ListBlock list) {
        if (list.getParent() instanceof ListItem) {
            newline();
        } else {
            separateBlock();
        }
        listDepth++;
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item != list.getFirstChild()) {
                newline();
            }
            out.append("  ".repeat(listDepth - 1));
            out.append(list instanceof OrderedList ? (number++) + ". " : "• ");
            visitChildren(item);
        }
        listDepth--;
    }

    @Override
    public void visit(Text text) {
        out.append(TelegramHtml.escape(text.getLiteral()));
    }

    @Override
    public void visit(Code code) {
        out.append("<code>").append(TelegramHtml.escape(code.getLiteral())).append("</code>");
    }

    @Override
    public void visit(Emphasis emphasis) {
        wrap("i", emphasis);
    }

    @Override
    public void visit(StrongEmphasis strongEmphasis) {
        wrap("b", strongEmphasis);
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            wrap("s", node);
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(Link link) {
        linkTo(link.getDestination(), link);
    }

    @Override
    public void visit(Image image) {
        linkTo(image.getDestination(), image);
    }

    private void linkTo(String destination, Node content) {
        if (destination != null && SAFE_URL.matcher(destination).matches() && !insideLink(content)) {
            out.append("<a href=\"").append(TelegramHtml.escape(destination)).append("\">");
            int start = out.length();
            visitChildren(content);
            if (out.length() == start) {
                out.append(TelegramHtml.escape(destination));
            }
            out.append("</a>");
        } else {
            visitChildren(content);
        }
    }

    private static boolean insideLink(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof Link) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
        newline();
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
        newline();
    }

    @Override
    public void visit(HtmlInline htmlInline) {
        out.append(TelegramHtml.escape(htmlInline.getLiteral()));
    }

    private void wrap(String tag, Node node) {
        out.append('<').append(tag).append('>');
        visitChildren(node);
        out.append("</").append(tag).append('>');
    }

    private void separateBlock() {
        if (out.isEmpty() || out.charAt(out.length() - 1) == '>' && endsWithOpeningBlockquote()) {
            return;
        }
        trimTrailingWhitespace(0);
        out.append(listDepth > 0 ? "\n" : "\n\n");
    }

    private boolean endsWithOpeningBlockquote() {
        String open = "<blockquote>";
        return out.length() >= open.length() && out.indexOf(open, out.length() - open.length()) >= 0;
    }

    private void newline() {
        out.append('\n');
    }

    private void trimTrailingWhitespace(int notBefore) {
        int end = out.length();
        while (end > notBefore && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
    }

    /** The HTML rendered so far. */
    String html() {
        return out.toString();
    }
}
