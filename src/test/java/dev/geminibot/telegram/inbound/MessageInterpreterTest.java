package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.ConversationKey;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.Commands;
import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.ReplyTarget;
import dev.geminibot.requests.Request;
import dev.geminibot.testbed.Updates;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.List;
import java.util.Optional;

import static dev.geminibot.testbed.Chats.OTHER_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

class MessageInterpreterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BOT_ID = 99;
    private final MessageInterpreter interpreter = new MessageInterpreter(new BotIdentity(BOT_ID, "GemBot"), new Commands());

    @Test
    void private_text_is_a_question_for_the_senders_own_conversation() {
        Incoming incoming = interpret(privateText(5, "hello there")).orElseThrow();

        assertThat(incoming.request()).isEqualTo(new Request.Ask("hello there"));
        assertThat(incoming.conversation()).isEqualTo(new ConversationKey(5, 5));
        assertThat(incoming.target()).isEqualTo(new ReplyTarget(5, null, null));
    }

    @Test
    void group_messages_count_only_when_addressed() {
        assertThat(interpret(groupText(7, "just chatting"))).isEmpty();
        assertThat(interpret(groupText(7, "mail me at x@gembot.com"))).isEmpty();
        assertThat(interpret(groupText(7, "/ask@OtherBot hi"))).isEmpty();
        assertThat(interpret(groupText(7, "/weather"))).isEmpty();

        assertThat(request(groupText(7, "hey @gembot, what's up?"))).isEqualTo(new Request.Ask("hey , what's up?"));
        assertThat(request(groupText(7, "@GemBot"))).isEqualTo(new Request.EmptyQuestion());
        assertThat(request(groupText(7, "/ask why?"))).isEqualTo(new Request.Ask("why?"));
        assertThat(request(groupText(7, "/ASK@gembot why?"))).isEqualTo(new Request.Ask("why?"));
        assertThat(request(groupText(7, "/weather@GemBot"))).isEqualTo(new Request.UnknownCommand("weather"));
        assertThat(request(groupText(7, "/reset"))).isEqualTo(new Request.RunCommand("reset"));
    }

    @Test
    void a_group_member_gets_a_conversation_of_their_own_and_answers_reply_to_them() {
        ObjectNode message = groupText(7, "@GemBot hi");
        Incoming incoming = interpret(message).orElseThrow();

        assertThat(incoming.conversation()).isEqualTo(new ConversationKey(OTHER_GROUP, 7));
        assertThat(incoming.target().replyToMessageId()).isEqualTo(message.get("message_id").asInt());
    }

    @Test
    void a_reply_to_the_bot_is_a_question_but_a_reply_to_someone_else_is_not() {
        ObjectNode toBot = groupText(7, "and then?");
        toBot.set("reply_to_message", groupMessage(BOT_ID, true, "earlier answer"));
        ObjectNode toHuman = groupText(7, "and then?");
        toHuman.set("reply_to_message", groupMessage(8, false, "a human said"));

        assertThat(request(toBot)).isEqualTo(new Request.Ask("and then?"));
        assertThat(interpret(toHuman)).isEmpty();
    }

    @Test
    void forum_topics_are_kept_for_the_answer() {
        ObjectNode message = groupText(7, "/ask in a topic");
        message.put("message_thread_id", 12).put("is_topic_message", true);

        assertThat(interpret(message).orElseThrow().target().threadId()).isEqualTo(12);
    }

    @Test
    void bots_channels_and_non_text_are_ignored_except_a_note_in_private() {
        ObjectNode fromBot = privateText(5, "hi");
        ((ObjectNode) fromBot.get("from")).put("is_bot", true);
        ObjectNode channelPost = privateText(5, "hi");
        channelPost.set("chat", JSON.createObjectNode().put("id", -100555).put("type", "channel"));
        ObjectNode privateSticker = privateText(5, null);
        privateSticker.putObject("sticker").put("file_id", "f").put("file_unique_id", "u").put("type", "regular")
                .put("width", 1).put("height", 1).put("is_animated", false).put("is_video", false);
        ObjectNode groupJoin = groupText(7, null);
        groupJoin.putArray("new_chat_members").addObject().put("id", 8).put("is_bot", false).put("first_name", "N");

        assertThat(interpret(fromBot)).isEmpty();
        assertThat(interpret(channelPost)).isEmpty();
        assertThat(request(privateSticker)).isEqualTo(new Request.UnsupportedContent());
        assertThat(interpret(groupJoin)).isEmpty();
    }

    @Test
    void commands_in_private_chats() {
        assertThat(request(privateText(5, "/start"))).isEqualTo(new Request.RunCommand("start"));
        assertThat(request(privateText(5, "/help@GemBot"))).isEqualTo(new Request.RunCommand("help"));
        assertThat(request(privateText(5, "/history"))).isEqualTo(new Request.RunCommand("history"));
        assertThat(request(privateText(5, "/nope"))).isEqualTo(new Request.UnknownCommand("nope"));
        assertThat(request(privateText(5, "/ask"))).isEqualTo(new Request.EmptyQuestion());
        assertThat(request(privateText(5, "/ask  multi\nline"))).isEqualTo(new Request.Ask("multi\nline"));
    }

    @Test
    void a_photo_is_a_question_about_its_largest_size_with_the_caption_as_the_words() {
        ObjectNode photo = privateText(5, null);
        photo.putArray("photo")
                .add(JSON.createObjectNode().put("file_id", "small").put("file_unique_id", "s").put("width", 90).put("height", 60).put("file_size", 10))
                .add(JSON.createObjectNode().put("file_id", "big").put("file_unique_id", "b").put("width", 1280).put("height", 853).put("file_size", 900));
        Updates.caption(photo, "what is this?");

        assertThat(request(photo)).isEqualTo(new Request.Ask("what is this?",
                List.of(new Attachment(Attachment.Kind.IMAGE, "big", "image/jpeg", 900, "photo"))));
    }

    @Test
    void voice_notes_documents_and_stickers_are_read_by_what_they_are() {
        ObjectNode voice = privateText(5, null);
        voice.putObject("voice").put("file_id", "v").put("file_unique_id", "v").put("duration", 72).put("file_size", 5);
        ObjectNode markdown = document("notes.md", "application/octet-stream");
        ObjectNode zip = document("backup.zip", "application/zip");
        ObjectNode pdf = document("scan", "application/pdf");
        ObjectNode animated = privateText(5, null);
        animated.putObject("sticker").put("file_id", "f").put("file_unique_id", "u").put("type", "regular")
                .put("width", 1).put("height", 1).put("is_animated", true).put("is_video", false);

        assertThat(request(voice)).isEqualTo(new Request.Ask("",
                List.of(new Attachment(Attachment.Kind.AUDIO, "v", "audio/ogg", 5, "voice 1:12"))));
        assertThat(((Request.Ask) request(markdown)).attachments()).singleElement()
                .isEqualTo(new Attachment(Attachment.Kind.TEXT, "d", "text/plain", 7, "document notes.md"));
        assertThat(((Request.Ask) request(pdf)).attachments()).singleElement()
                .extracting(Attachment::kind).isEqualTo(Attachment.Kind.PDF);
        assertThat(request(zip)).isEqualTo(new Request.UnsupportedFile("file (backup.zip)"));
        assertThat(request(animated)).isEqualTo(new Request.UnsupportedFile("animated sticker"));
    }

    @Test
    void in_groups_a_caption_addresses_the_bot_like_a_text_and_a_reply_brings_the_replied_media() {
        ObjectNode photo = groupText(7, null);
        photo.putArray("photo").addObject().put("file_id", "p").put("file_unique_id", "p").put("width", 1).put("height", 1);
        ObjectNode mentioned = photo.deepCopy();
        Updates.caption(mentioned, "@GemBot what is this?");
        ObjectNode reply = groupText(8, "@GemBot and this?");
        reply.set("reply_to_message", photo.deepCopy());

        assertThat(interpret(photo)).isEmpty();
        assertThat(request(mentioned)).isEqualTo(new Request.Ask("what is this?",
                List.of(new Attachment(Attachment.Kind.IMAGE, "p", "image/jpeg", 0, "photo"))));
        assertThat(request(reply)).isEqualTo(new Request.Ask("and this?",
                List.of(new Attachment(Attachment.Kind.IMAGE, "p", "image/jpeg", 0, "photo"))));
    }

    @Test
    void album_parts_are_parts_and_in_groups_unaddressed_ones_are_noted_only() {
        ObjectNode part = privateText(5, null);
        part.putArray("photo").addObject().put("file_id", "p").put("file_unique_id", "p").put("width", 1).put("height", 1);
        part.put("media_group_id", "g1");
        ObjectNode groupPart = groupText(7, null);
        groupPart.setAll((ObjectNode) part.deepCopy().without(List.of("chat", "from", "message_id", "date")));

        assertThat(request(part)).isInstanceOfSatisfying(Request.AlbumPart.class, p -> assertThat(p.addressed()).isTrue());
        assertThat(request(groupPart)).isInstanceOfSatisfying(Request.AlbumPart.class, p -> assertThat(p.addressed()).isFalse());
    }

    private static ObjectNode document(String name, String mimeType) {
        ObjectNode message = privateText(5, null);
        message.putObject("document").put("file_id", "d").put("file_unique_id", "d").put("file_name", name)
                .put("mime_type", mimeType).put("file_size", 7);
        return message;
    }

    private Optional<Incoming> interpret(ObjectNode message) {
        try {
            return interpreter.interpret(message.get("message_id").asLong(), JSON.treeToValue(message, Message.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Request request(ObjectNode message) {
        return interpret(message).orElseThrow().request();
    }

    private static int nextId = 1;

    private static ObjectNode privateText(long userId, String text) {
        return Updates.message(nextId++, Updates.privateChat(userId), Updates.user(userId), text);
    }

    private static ObjectNode groupText(long userId, String text) {
        return groupMessage(userId, false, text);
    }

    private static ObjectNode groupMessage(long userId, boolean isBot, String text) {
        return Updates.message(nextId++, Updates.groupChat(OTHER_GROUP), Updates.user(userId).put("is_bot", isBot), text);
    }
}
