package dev.geminibot.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces every occurrence of known secrets (and the secret half of a bot token) with {@code ***}, and
 * anything shaped like a bot token or a Google API key too: an operator may paste one into the wrong setting.
 */
public final class SecretRedactor {
    private static final int SHORTEST_SECRET = 6;
    /** "123456789:AA…" as @BotFather issues them, and Google's "AIza…" keys. */
    private static final Pattern SECRET_SHAPES = Pattern.compile("\\d{6,}:[A-Za-z0-9_-]{30,}|AIza[0-9A-Za-z_-]{30,}");

    private final List<String> secrets;

    public SecretRedactor(List<String> secrets) {
        this.secrets = secrets.stream()
                .filter(Objects::nonNull)
                .flatMap(secret -> secret.contains(":") ? List.of(secret, secret.substring(secret.indexOf(':') + 1)).stream() : List.of(secret).stream())
                .filter(secret -> secret.length() >= SHORTEST_SECRET)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()) // a token before its own secret half
                .toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return mayHoldSecretShape(result) ? SECRET_SHAPES.matcher(result).replaceAll("***") : result;
    }

    /** Whether the pattern could match: every log line has colons (its time), few have six digits before one. */
    private static boolean mayHoldSecretShape(String text) {
        if (text.contains("AIza")) {
            return true;
        }
        for (int colon = text.indexOf(':', 6); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            int digits = 0;
            while (digits < 6 && Character.isDigit(text.charAt(colon - 1 - digits))) {
                digits++;
            }
            if (digits == 6) {
                return true;
            }
        }
        return false;
    }
}
