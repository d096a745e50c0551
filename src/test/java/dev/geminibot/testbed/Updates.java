package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.geminibot.testbed.JsonHttp.JSON;

/**
 * Builders of Telegram's JSON as the Bot API sends it: chats, users, messages (with the entities Telegram adds
 * for commands and mentions) and updates. Shared by the fake Bot API and the adapter's unit tests.
 */
public final class Updates {
    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_]{3,}");

    private Updates() {
    }

    public static ObjectNode privateChat(long userId) {
        return JSON.createObjectNode().put("id", userId).put("type", "private").put("first_name", "User" + userId);
    }

    public static ObjectNode groupChat(long chatId) {
        return JSON.createObjectNode().put("id", chatId).put("type", "supergroup").put("title", "Group " + chatId);
    }

    public static ObjectNode user(long userId) {
        return JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
    }

    /** The test bed's bot, as {@code getMe} describes it. */
    public static ObjectNode botUser() {
        return JSON.createObjectNode().put("id", FakeTelegram.BOT_ID).put("is_bot", true).put("first_name", "Gemini")
                .put("username", FakeTelegram.BOT_USERNAME);
    }

    /** A message sent now; {@code text} null for one without text (add a sticker, a photo...). */
    public static ObjectNode message(int messageId, ObjectNode chat, ObjectNode from, String text) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageId);
        message.put("date", Instant.now().getEpochSecond());
        message.set("chat", chat);
        message.set("from", from);
        if (text != null) {
            message.put("text", text);
            ArrayNode entities = entities(text);
            if (!entities.isEmpty()) {
                message.set("entities", entities);
            }
        }
        return message;
    }

    /** Sets a message's caption, with the entities Telegram adds to it ({@code caption_entities}). */
    public static ObjectNode caption(ObjectNode message, String caption) {
        message.put("caption", caption);
        ArrayNode entities = entities(caption);
        if (!entities.isEmpty()) {
            message.set("caption_entities", entities);
        }
        return message;
    }

    /** An update of kind "message". */
    public static ObjectNode update(long updateId, ObjectNode message) {
        return update(updateId, "message", message);
    }

    /** An update of any kind, e.g. ("callback_query", {...}). */
    public static ObjectNode update(long updateId, String kind, ObjectNode payload) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        update.set(kind, payload);
        return update;
    }

    private static ArrayNode entities(String text) {
        ArrayNode entities = JSON.createArrayNode();
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            entities.add(JSON.createObjectNode().put("type", "bot_command").put("offset", 0)
                    .put("length", end < 0 ? text.length() : end));
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            if (mention.start() == 0 || text.charAt(mention.start() - 1) != '/' && !Character.isLetterOrDigit(text.charAt(mention.start() - 1))) {
                entities.add(JSON.createObjectNode().put("type", "mention").put("offset", mention.start())
                        .put("length", mention.end() - mention.start()));
            }
        }
        return entities;
    }
}
