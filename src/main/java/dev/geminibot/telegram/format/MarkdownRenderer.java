package dev.geminibot.telegram.format;

import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.ext.footnotes.FootnoteReference;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a CommonMark tree as the HTML Telegram accepts ({@link TelegramHtml}): tags it knows, everything else
 * escaped text.
 */
final class MarkdownRenderer extends AbstractVisitor {
    /** Widest table (in characters of text) shown as a monospace grid; wider ones become one line per row. */
    static final int MAX_TABLE_WIDTH = 40;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");
    private static final Pattern SAFE_URL = Pattern.compile("^(https?|tg|mailto):.*", Pattern.CASE_INSENSITIVE);

    private final StringBuilder out = new StringBuilder();
    private int quoteDepth;
    private int listDepth;

    @Override
    public void visit(Paragraph paragraph) {
        if (paragraph.getParent() instanceof ListItem) {
            if (paragraph.getPrevious() != null && !(paragraph.getPrevious() instanceof TaskListItemMarker)) {
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
            if (list instanceof OrderedList) {
                out.append(number++).append(". ");
            } else if (!isTask(item)) {
                out.append("• ");
            }
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

    private static boolean isTask(Node item) {
        Node first = item.getFirstChild();
        return first instanceof TaskListItemMarker
                || first instanceof Paragraph && first.getFirstChild() instanceof TaskListItemMarker;
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            wrap("s", node);
        } else if (node instanceof TaskListItemMarker marker) {
            out.append(marker.isChecked() ? "☑ " : "☐ ");
        } else if (node instanceof FootnoteReference reference) {
            out.append('[').append(TelegramHtml.escape(reference.getLabel())).append(']');
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(CustomBlock block) {
        if (block instanceof TableBlock table) {
            table(table);
        } else if (block instanceof FootnoteDefinition footnote) {
            separateBlock();
            out.append('[').append(TelegramHtml.escape(footnote.getLabel())).append("] ").append(inline(footnote));
        } else {
            visitChildren(block);
        }
    }

    /**
     * A table as a monospace grid (columns padded to their widest visible text, a line under the header) when it
     * fits a phone's width, else as one line per row: "• Header: value · Header: value".
     */
    private void table(TableBlock table) {
        List<List<TableCell>> rows = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                List<TableCell> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tableCell) {
                        cells.add(tableCell);
                    }
                }
                rows.add(cells);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<TableCell> header = rows.get(0);
        int columns = header.size();
        List<List<String>> html = new ArrayList<>();
        List<List<String>> text = new ArrayList<>();
        int[] widths = new int[columns];
        for (List<TableCell> row : rows) {
            List<String> rowHtml = new ArrayList<>();
            List<String> rowText = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String cellHtml = c < row.size() ? inline(row.get(c)) : "";
                String cellText = TelegramHtml.toPlainText(cellHtml).replaceAll("\\s+", " ").strip();
                rowHtml.add(cellHtml);
                rowText.add(cellText);
                widths[c] = Math.max(widths[c], width(cellText));
            }
            html.add(rowHtml);
            text.add(rowText);
        }
        int total = 3 * (columns - 1);
        for (int width : widths) {
            total += width;
        }
        separateBlock();
        if (total <= MAX_TABLE_WIDTH) {
            StringBuilder grid = new StringBuilder();
            for (int r = 0; r < text.size(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        line.append(" | ");
                    }
                    line.append(pad(text.get(r).get(c), widths[c], header.get(c).getAlignment()));
                }
                grid.append(line.toString().stripTrailing()).append('\n');
                if (r == 0) {
                    for (int c = 0; c < columns; c++) {
                        grid.append(c > 0 ? "-+-" : "").append("-".repeat(widths[c]));
                    }
                    grid.append('\n');
                }
            }
            out.append("<pre>").append(TelegramHtml.escape(grid.toString().stripTrailing())).append("</pre>");
            return;
        }
        List<String> names = html.get(0);
        if (html.size() == 1) {
            out.append("• ").append(String.join(" · ", names.stream().filter(n -> !n.isBlank()).toList()));
            return;
        }
        for (int r = 1; r < html.size(); r++) {
            if (r > 1) {
                newline();
            }
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String value = html.get(r).get(c);
                if (text.get(r).get(c).isEmpty()) {
                    continue;
                }
                parts.add(text.get(0).get(c).isEmpty() ? value : "<b>" + names.get(c) + "</b>: " + value);
            }
            out.append("• ").append(parts.isEmpty() ? "—" : String.join(" · ", parts));
        }
    }

    private static String inline(Node cell) {
        MarkdownRenderer renderer = new MarkdownRenderer();
        renderer.visitChildren(cell);
        return renderer.html().strip();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String pad(String text, int width, TableCell.Alignment alignment) {
        int gap = width - width(text);
        if (alignment == TableCell.Alignment.RIGHT) {
            return " ".repeat(gap) + text;
        }
        if (alignment == TableCell.Alignment.CENTER) {
            return " ".repeat(gap / 2) + text + " ".repeat(gap - gap / 2);
        }
        return text + " ".repeat(gap);
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
