package dev.geminibot.telegram.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Telegram HTML into tags and visible characters. A visible character is one code point, or one
 * entity such as {@code &amp;}; its {@link Chars#length()} is what Telegram counts (UTF-16 units).
 */
final class HtmlTokens {
    private HtmlTokens() {
    }

    sealed interface Token {
        /** The token as written in the HTML. */
        String raw();
    }

    /** An opening or closing tag; {@code name} is lower case. */
    record Tag(String raw, String name, boolean closing) implements Token {
    }

    /** One visible character as written ({@code raw}) and as read ({@code decoded}). */
    record Chars(String raw, String decoded) implements Token {
        int length() {
            return decoded.length();
        }
    }

    static List<Token> tokenize(String html) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed tag at " + i);
                }
                String raw = html.substring(i, end + 1);
                boolean closing = raw.startsWith("</");
                String name = raw.substring(closing ? 2 : 1, raw.length() - 1).strip().split("[\\s>]", 2)[0];
                tokens.add(new Tag(raw, name.toLowerCase(Locale.ROOT), closing));
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated entity at " + i);
                }
                String raw = html.substring(i, end + 1);
                tokens.add(new Chars(raw, decode(raw)));
                i = end + 1;
            } else {
                int next = i + Character.charCount(html.codePointAt(i));
                String raw = html.substring(i, next);
                tokens.add(new Chars(raw, raw));
                i = next;
            }
        }
        return tokens;
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "&lt;" -> "<";
            case "&gt;" -> ">";
            case "&amp;" -> "&";
            case "&quot;" -> "\"";
            default -> {
                String body = entity.substring(2, entity.length() - 1);
                if (entity.startsWith("&#x") || entity.startsWith("&#X")) {
                    yield Character.toString(Integer.parseInt(body.substring(1), 16));
                } else if (entity.startsWith("&#")) {
                    yield Character.toString(Integer.parseInt(body));
                }
                throw new IllegalArgumentException("Unsupported entity " + entity);
            }
        };
    }
}
