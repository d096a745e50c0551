package dev.geminibot.testbed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code parse_mode=HTML} text the way the Bot API documents it, independently of the bot's own code:
 * only the supported tags, properly nested, no nested quotes, nothing inside code, every {@code < > &} that is
 * not markup escaped. Returns the visible text or throws with Telegram's wording.
 */
final class TelegramHtmlValidator {
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z-]+)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*>");

    static final class ParseError extends Exception {
        ParseError(String message) {
            super("Bad Request: can't parse entities: " + message);
        }
    }

    static String visibleText(String html) throws ParseError {
        StringBuilder visible = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int offset = html.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                if (!tag.lookingAt()) {
                    throw new ParseError("Unsupported start tag at byte offset " + offset);
                }
                String name = tag.group(2).toLowerCase();
                if (!TAGS.contains(name)) {
                    throw new ParseError("Unsupported start tag \"" + name + "\" at byte offset " + offset);
                }
                if (tag.group(1).isEmpty()) {
                    checkNesting(open, name, tag.group(3), offset);
                    open.push(name);
                } else if (open.isEmpty() || !open.peek().equals(name)) {
                    throw new ParseError("Unmatched end tag at byte offset " + offset + ", expected \"</"
                            + open.peek() + ">\", found \"</" + name + ">\"");
                } else {
                    open.pop();
                }
                i = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                if (!entity.lookingAt()) {
                    throw new ParseError("Character entity expected at byte offset " + offset);
                }
                visible.append(decode(entity.group(1)));
                i = entity.end();
            } else if (c == '>') {
                throw new ParseError("Unexpected end tag at byte offset " + offset);
            } else {
                visible.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return visible.toString();
    }

    private static void checkNesting(Deque<String> open, String name, String attributes, int offset) throws ParseError {
        boolean inPre = open.contains("pre");
        boolean inCode = open.contains("code");
        if (inCode || inPre && !(name.equals("code") && open.peek().equals("pre"))) {
            throw new ParseError("Can't use entities inside code or pre at byte offset " + offset);
        }
        if (name.equals("blockquote") && open.contains("blockquote")) {
            throw new ParseError("Blockquote entities can't be nested at byte offset " + offset);
        }
        if (name.equals("a") && !attributes.contains("href=\"")) {
            throw new ParseError("Link without href at byte offset " + offset);
        }
        if (name.equals("code") && !attributes.isBlank() && !attributes.matches("\\s+class=\"language-[^\"]+\"")) {
            throw new ParseError("Unsupported attribute of code at byte offset " + offset);
        }
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> Character.toString(entity.startsWith("#x")
                    ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1)));
        };
    }

    private TelegramHtmlValidator() {
    }
}
