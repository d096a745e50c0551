package dev.geminibot.telegram.format;

import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown as sent in a Telegram rich message ({@code sendRichMessage}, Bot API 10.1, which parses it on the
 * server): the limits of one rich message, and an answer cut at top-level block boundaries into as few parts
 * as those limits allow. A block that alone breaks a limit (a table of 25 columns, a code block longer than a
 * message) is a part of its own that does not fit: it goes the HTML way.
 */
public final class RichMarkdown {
    /**
     * The limits of one rich message as third parties quote them (not verified against the official page).
     * Characters are counted in the Markdown source, which is never shorter than the text a user reads.
     */
    public static final int MAX_CHARACTERS = 32_768;
    public static final int MAX_BLOCKS = 500;
    public static final int MAX_NESTING = 16;
    public static final int MAX_TABLE_COLUMNS = 20;

    private static final Parser PARSER = Parser.builder().extensions(List.of(StrikethroughExtension.create(),
                    TablesExtension.create(), TaskListItemsExtension.create(), FootnotesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** One rich message's Markdown, or ({@code fits} false) a block the rich limits cannot take. */
    public record Part(String markdown, boolean fits) {
    }

    /** What one top-level block needs of the limits. */
    private record Measure(int blocks, int nesting, int columns) {
        boolean fitsAlone(int characters) {
            return characters <= MAX_CHARACTERS && blocks <= MAX_BLOCKS && nesting <= MAX_NESTING
                    && columns <= MAX_TABLE_COLUMNS;
        }
    }

    private RichMarkdown() {
    }

    /** {@code markdown} cut into rich messages at top-level block boundaries, in order; empty if it has no block. */
    public static List<Part> split(String markdown) {
        List<Part> parts = new ArrayList<>();
        int partStart = -1;
        int partEnd = -1;
        int partBlocks = 0;
        for (Node block = PARSER.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            List<SourceSpan> spans = block.getSourceSpans();
            if (spans.isEmpty()) {
                continue; // e.g. a link reference definition: it travels with the text around it
            }
            int start = spans.getFirst().getInputIndex();
            int end = spans.getLast().getInputIndex() + spans.getLast().getLength();
            Measure measure = measure(block, 1);
            if (!measure.fitsAlone(end - start)) {
                close(parts, markdown, partStart, partEnd);
                parts.add(new Part(markdown.substring(start, end), false));
                partStart = -1;
                continue;
            }
            if (partStart >= 0 && (end - partStart > MAX_CHARACTERS || partBlocks + measure.blocks() > MAX_BLOCKS)) {
                close(parts, markdown, partStart, partEnd);
                partStart = -1;
            }
            if (partStart < 0) {
                partStart = start;
                partBlocks = 0;
            }
            partEnd = end;
            partBlocks += measure.blocks();
        }
        close(parts, markdown, partStart, partEnd);
        return List.copyOf(parts);
    }

    private static void close(List<Part> parts, String markdown, int start, int end) {
        if (start >= 0) {
            parts.add(new Part(markdown.substring(start, end), true));
        }
    }

    /**
     * Blocks counted as Telegram's rich block model has them (a table is one block, its rows and cells are not;
     * a list and each of its items are), nesting as the depth of lists and quotes.
     */
    private static Measure measure(Node node, int depth) {
        int blocks = 1;
        int nesting = depth;
        int columns = 0;
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableHead || child instanceof TableBody) {
                for (Node row = child.getFirstChild(); row != null; row = row.getNext()) {
                    columns = Math.max(columns, cells(row));
                }
            } else if (child instanceof Block) {
                boolean container = child instanceof ListBlock || child instanceof BlockQuote;
                Measure inner = measure(child, container ? depth + 1 : depth);
                blocks += inner.blocks();
                nesting = Math.max(nesting, inner.nesting());
                columns = Math.max(columns, inner.columns());
            }
        }
        return new Measure(blocks, nesting, columns);
    }

    private static int cells(Node row) {
        int cells = 0;
        if (row instanceof TableRow) {
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                if (cell instanceof TableCell) {
                    cells++;
                }
            }
        }
        return cells;
    }

    /** Plain text for Markdown: every character that could start markup is escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_{}[]()#+-.!|<>~$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
