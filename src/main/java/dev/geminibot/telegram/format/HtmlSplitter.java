package dev.geminibot.telegram.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts Telegram HTML into parts of at most {@code limit} visible UTF-16 units (what Telegram counts after
 * parsing entities), preferring a paragraph break, then a line break, then a space, and a cut outside any
 * formatting over one inside it. Where a cut must fall inside formatting (a long code block), the open tags
 * are closed at the end of one part and reopened at the start of the next, so every part is valid HTML.
 */
public final class HtmlSplitter {
    private HtmlSplitter() {
    }

    public static List<String> split(String html, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be >= 2, got " + limit);
        }
        List<String> parts = new ArrayList<>();
        List<HtmlTokens.Token> rest = HtmlTokens.tokenize(html.strip());
        while (!rest.isEmpty()) {
            Cut cut = findCut(rest, limit);
            if (cut == null) {
                addIfVisible(parts, rest);
                break;
            }
            List<HtmlTokens.Token> part = new ArrayList<>(rest.subList(0, cut.start()));
            cut.open().descendingIterator().forEachRemaining(open -> part.add(closer(open)));
            addIfVisible(parts, part);
            List<HtmlTokens.Token> next = new ArrayList<>(cut.open());
            next.addAll(stripLeadingWhitespace(rest.subList(cut.end(), rest.size())));
            rest = next;
        }
        return parts;
    }

    /** Where to cut: tokens [0, start) go in this part, [end, …) in the next; {@code open} are the tags open at the cut. */
    private record Cut(int start, int end, Deque<HtmlTokens.Tag> open) {
    }

    private static Cut findCut(List<HtmlTokens.Token> tokens, int limit) {
        Deque<HtmlTokens.Tag> open = new ArrayDeque<>();
        Cut[] best = new Cut[3 * 2]; // [boundary kind][inside formatting?]
        int visible = 0;
        for (int i = 0; i < tokens.size(); i++) {
            HtmlTokens.Token token = tokens.get(i);
            if (token instanceof HtmlTokens.Tag tag) {
                if (tag.closing()) {
                    open.pollLast();
                } else {
                    open.addLast(tag);
                }
                continue;
            }
            HtmlTokens.Chars chars = (HtmlTokens.Chars) token;
            if (visible + chars.length() > limit) {
                return choose(best, i, open);
            }
            visible += chars.length();
            int kind = switch (chars.decoded()) {
                case "\n" -> i > 0 && tokens.get(i - 1) instanceof HtmlTokens.Chars previous
                        && previous.decoded().equals("\n") ? 2 : 1;
                case " " -> 0;
                default -> -1;
            };
            if (kind >= 0 && visible > limit / 4) {
                int start = kind == 2 ? i - 1 : i;
                best[kind * 2 + (open.isEmpty() ? 1 : 0)] = new Cut(start, i + 1, new ArrayDeque<>(open));
            }
        }
        return null; // everything fits
    }

    private static Cut choose(Cut[] best, int hardCut, Deque<HtmlTokens.Tag> open) {
        for (int i = best.length - 1; i >= 0; i--) {
            if (best[i] != null) {
                return best[i];
            }
        }
        return new Cut(hardCut, hardCut, new ArrayDeque<>(open)); // one long word: cut it
    }

    private static HtmlTokens.Tag closer(HtmlTokens.Tag open) {
        return new HtmlTokens.Tag("</" + open.name() + ">", open.name(), true);
    }

    private static List<HtmlTokens.Token> stripLeadingWhitespace(List<HtmlTokens.Token> tokens) {
        int start = 0;
        while (start < tokens.size() && tokens.get(start) instanceof HtmlTokens.Chars chars && chars.decoded().isBlank()) {
            start++;
        }
        return tokens.subList(start, tokens.size());
    }

    private static void addIfVisible(List<String> parts, List<HtmlTokens.Token> tokens) {
        StringBuilder html = new StringBuilder();
        boolean visible = false;
        for (HtmlTokens.Token token : tokens) {
            html.append(token.raw());
            visible |= token instanceof HtmlTokens.Chars chars && !chars.decoded().isBlank();
        }
        if (visible) {
            parts.add(html.toString().strip());
        }
    }
}
