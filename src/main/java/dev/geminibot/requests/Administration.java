package dev.geminibot.requests;

import java.util.Optional;

/**
 * What the admins' commands do ({@code BOT_ADMIN_USERS}): usage and errors at a glance ({@code /stats}), and
 * letting users in or shutting them out while the bot runs ({@code /allow}, {@code /deny}; persisted).
 */
public final class Administration {
    private final AccessPolicy access;
    private final DailyUsage usage;
    private final Metrics metrics;
    private final BotTexts texts;
    private final ReplyFormat format;

    Administration(AccessPolicy access, DailyUsage usage, Metrics metrics, BotTexts texts, ReplyFormat format) {
        this.access = access;
        this.usage = usage;
        this.metrics = metrics;
        this.texts = texts;
        this.format = format;
    }

    /** Users, questions and tokens today and in all, errors by kind since the start, the run-time decisions. */
    String stats() {
        return format.text(texts.stats(usage.totals(), metrics.errorsByKind(), access.decisions().decisions()));
    }

    String allow(String arguments) {
        Optional<Long> user = userId(arguments);
        if (user.isEmpty()) {
            return format.text(texts.userIdExpected("allow"));
        }
        access.allow(user.get());
        return format.text(texts.allowed(user.get()));
    }

    String deny(String arguments) {
        Optional<Long> user = userId(arguments);
        if (user.isEmpty()) {
            return format.text(texts.userIdExpected("deny"));
        }
        if (access.isAdmin(user.get())) {
            return format.text(texts.adminCannotBeDenied(user.get()));
        }
        access.deny(user.get());
        return format.text(texts.denied(user.get()));
    }

    private static Optional<Long> userId(String arguments) {
        try {
            long id = Long.parseLong(arguments.strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
