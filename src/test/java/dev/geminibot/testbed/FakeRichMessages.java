package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's rich messages (Bot API 10.1) and drafts' lifetime and Stop button (10.3) for {@link FakeTelegram}.
 * Strict as the server is taken to be: {@code rich_message} must carry exactly one of {@code markdown},
 * {@code html} or {@code blocks}; Markdown is parsed here (CommonMark with tables) and a message over the limits
 * third parties quote (32,768 characters of source, 500 blocks, 16 levels of nesting, 20 table columns) is
 * refused with a 400 that says which. The descriptions are this fake's wording: the real ones are not known.
 * A switch makes the server an older one that lacks the rich methods (404 "Not Found").
 */
final class FakeRichMessages {
    static final int MAX_CHARACTERS = 32_768;
    static final int MAX_BLOCKS = 500;
    static final int MAX_NESTING = 16;
    static final int MAX_TABLE_COLUMNS = 20;
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    final List<FakeTelegram.RichSent> sent = new CopyOnWriteArrayList<>();
    final List<FakeTelegram.RichDraft> drafts = new CopyOnWriteArrayList<>();
    volatile boolean unknownMethods;
    volatile Duration draftLifetime = Duration.ofSeconds(30);
    private final Map<String, Long> lastDraftNanos = new ConcurrentHashMap<>();
    private final Map<Long, Integer> stoppableDraft = new ConcurrentHashMap<>();
    final AtomicInteger expiredDrafts = new AtomicInteger();

    /** What a rich message holds: its Markdown and the shape Telegram would give it. */
    record Content(String markdown, int blocks, List<Integer> tableColumns) {
    }

    /** The refusal of a rich message, or null if Telegram would take it. */
    static String refusal(JsonNode richMessage) {
        if (richMessage == null || !richMessage.isObject()) {
            return "Bad Request: rich_message is required";
        }
        int given = (richMessage.has("markdown") ? 1 : 0) + (richMessage.has("html") ? 1 : 0)
                + (richMessage.has("blocks") ? 1 : 0);
        if (given != 1) {
            return "Bad Request: exactly one of markdown, html or blocks must be specified";
        }
        if (!richMessage.has("markdown")) {
            return "Bad Request: this fake only reads Markdown rich messages";
        }
        String markdown = richMessage.get("markdown").asText("");
        if (markdown.isBlank()) {
            return "Bad Request: rich message is empty";
        }
        if (markdown.length() > MAX_CHARACTERS) {
            return "Bad Request: rich message is too long (" + markdown.length() + " characters, at most " + MAX_CHARACTERS + ")";
        }
        Shape shape = shape(PARSER.parse(markdown), 0);
        if (shape.blocks > MAX_BLOCKS) {
            return "Bad Request: too many blocks in the rich message (" + shape.blocks + ", at most " + MAX_BLOCKS + ")";
        }
        if (shape.nesting > MAX_NESTING) {
            return "Bad Request: rich message nesting is too deep (" + shape.nesting + ", at most " + MAX_NESTING + ")";
        }
        int widest = shape.tableColumns.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (widest > MAX_TABLE_COLUMNS) {
            return "Bad Request: too many table columns (" + widest + ", at most " + MAX_TABLE_COLUMNS + ")";
        }
        return null;
    }

    static Content content(JsonNode richMessage) {
        String markdown = richMessage.get("markdown").asText();
        Shape shape = shape(PARSER.parse(markdown), 0);
        return new Content(markdown, shape.blocks, List.copyOf(shape.tableColumns));
    }

    private static final class Shape {
        int blocks;
        int nesting;
        final List<Integer> tableColumns = new ArrayList<>();
    }

    /** Blocks as the rich model has them (a table is one block, a list and each item are), nesting = lists and quotes. */
    private static Shape shape(Node node, int depth) {
        Shape shape = new Shape();
        shape.nesting = depth;
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableBlock) {
                shape.blocks++;
                shape.tableColumns.add(columns(child));
            } else if (child instanceof Block && !(child instanceof TableHead || child instanceof TableBody)) {
                Shape inner = shape(child, child instanceof ListBlock || child instanceof BlockQuote ? depth + 1 : depth);
                shape.blocks += 1 + inner.blocks;
                shape.nesting = Math.max(shape.nesting, inner.nesting);
                shape.tableColumns.addAll(inner.tableColumns);
            }
        }
        shape.nesting = Math.max(shape.nesting, depth == 0 && shape.blocks > 0 ? 1 : depth);
        return shape;
    }

    private static int columns(Node table) {
        int widest = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                int cells = 0;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells++;
                }
                widest = Math.max(widest, cells);
            }
        }
        return widest;
    }

    /**
     * A draft arrived in a private chat: a draft of the same id not renewed within its lifetime had vanished
     * from the user's screen before this one. {@code canStop}: it shows the Stop button.
     */
    void draftArrived(long chatId, int draftId, boolean canStop) {
        long now = System.nanoTime();
        Long last = lastDraftNanos.put(chatId + "/" + draftId, now);
        if (last != null && now - last > draftLifetime.toNanos()) {
            expiredDrafts.incrementAndGet();
        }
        if (canStop) {
            stoppableDraft.put(chatId, draftId);
        } else {
            stoppableDraft.remove(chatId);
        }
    }

    /** A message arrived in a chat: the drafts shown there are replaced by it (no Stop button left). */
    void messageArrived(long chatId) {
        long now = System.nanoTime();
        lastDraftNanos.entrySet().removeIf(entry -> {
            if (!entry.getKey().startsWith(chatId + "/")) {
                return false;
            }
            if (now - entry.getValue() > draftLifetime.toNanos()) {
                expiredDrafts.incrementAndGet();
            }
            return true;
        });
        stoppableDraft.remove(chatId);
    }

    /** The draft with a Stop button shown in the chat now, or null. */
    Integer stoppable(long chatId) {
        return stoppableDraft.get(chatId);
    }

    /** The {@code stopped_message_generation} payload of a user pressing Stop on draft {@code draftId}. */
    static ObjectNode stopped(long chatId, int draftId) {
        ObjectNode payload = JsonHttp.JSON.createObjectNode();
        payload.set("chat", Updates.privateChat(chatId));
        payload.put("draft_id", draftId);
        return payload;
    }
}
