package dev.geminibot.telegram.inbound;

import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.Objects;

/**
 * An update as getUpdates returned it: read into the client's {@link Update}, and its JSON as Telegram sent it,
 * which the inbox records as it is (writing the {@code Update} back to JSON by reflection cost about 5 % of the
 * bot's CPU per message, docs/benchmarks.md).
 */
public record PolledUpdate(Update update, String json) {
    public PolledUpdate {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(json, "json");
    }
}
