package dev.geminibot.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Replaces every occurrence of known secrets (and the secret half of a bot token) with {@code ***}. */
public final class SecretRedactor {
    private static final int SHORTEST_SECRET = 6;

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
        return result;
    }
}
