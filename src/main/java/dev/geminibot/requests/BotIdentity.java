package dev.geminibot.requests;

import java.util.Objects;

/** Who the bot is on Telegram, as {@code getMe} reports it; groups address it by {@code @username}. */
public record BotIdentity(long id, String username) {
    public BotIdentity {
        Objects.requireNonNull(username, "username");
    }

    public String mention() {
        return "@" + username;
    }
}
