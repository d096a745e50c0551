package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.geminibot.testbed.Chats.GROUP;
import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Odd and hostile input: each kind is ignored quietly or gets a short note, and the bot keeps serving. */
class HostileInputTest {
    private static final String TEXT_ONLY = "I can only read text messages for now. Please write your question.";

    @RegisterExtension
    final BotExtension bot = BotExtension.withEnv("BOT_MAX_QUESTION_LENGTH", "4096");

    private ObjectNode privateMessage(String text) {
        return bot.telegram.message(FakeTelegram.privateChat(ALICE), FakeTelegram.user(ALICE), text);
    }

    private ObjectNode groupMessage(String text) {
        return bot.telegram.message(FakeTelegram.groupChat(GROUP), FakeTelegram.user(ALICE), text);
    }

    private String noteFor(ObjectNode message) {
        int before = bot.telegram.sentTo(ALICE).size();
        bot.telegram.send(message);
        return bot.awaitSent(ALICE, before + 1).get(before).text();
    }

    @Test
    void content_gemini_cannot_take_or_files_telegram_does_not_know_get_a_short_note() {
        ObjectNode photo = privateMessage(null);
        photo.putArray("photo").addObject().put("file_id", "p").put("file_unique_id", "pu").put("width", 1).put("height", 1);
        ObjectNode video = privateMessage(null);
        video.putObject("video").put("file_id", "v").put("file_unique_id", "vu").put("width", 1).put("height", 1).put("duration", 1);
        ObjectNode document = privateMessage(null);
        document.putObject("document").put("file_id", "d").put("file_unique_id", "du");
        ObjectNode voice = privateMessage(null);
        voice.putObject("voice").put("file_id", "o").put("file_unique_id", "ou").put("duration", 1);
        ObjectNode location = privateMessage(null);
        location.putObject("location").put("latitude", 48.85).put("longitude", 2.35);
        ObjectNode contact = privateMessage(null);
        contact.putObject("contact").put("phone_number", "+100").put("first_name", "C");
        ObjectNode poll = privateMessage(null);
        poll.putObject("poll").put("id", "1").put("question", "?").put("total_voter_count", 0).put("is_closed", false)
                .put("is_anonymous", true).put("type", "regular").put("allows_multiple_answers", false).putArray("options");
        ObjectNode dice = privateMessage(null);
        dice.putObject("dice").put("emoji", "🎲").put("value", 4);

        for (ObjectNode message : List.of(location, contact, poll, dice)) {
            assertThat(noteFor(message)).isEqualTo(TEXT_ONLY);
        }
        for (ObjectNode message : List.of(photo, video, voice)) { // file ids Telegram does not know
            assertThat(noteFor(message)).startsWith("I can't get this file from Telegram any more");
        }
        assertThat(noteFor(document)).startsWith("I can't read this file (application/octet-stream)");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void updates_that_are_not_new_messages_and_service_messages_are_ignored_quietly() throws Exception {
        ObjectNode edited = privateMessage("edited text");
        edited.put("edit_date", 1_700_000_100);
        bot.telegram.sendUpdate("edited_message", edited);
        bot.telegram.sendUpdate("callback_query", bot.telegram.message(FakeTelegram.privateChat(ALICE), FakeTelegram.user(ALICE), null)
                .removeAll().put("id", "cb1").put("chat_instance", "ci").put("data", "x")
                .set("from", FakeTelegram.user(ALICE)));
        bot.telegram.sendUpdate("channel_post", bot.telegram.message(
                bot.json().createObjectNode().put("id", -100999).put("type", "channel").put("title", "C"), null, "post"));
        ObjectNode member = bot.json().createObjectNode();
        member.set("chat", FakeTelegram.groupChat(GROUP));
        member.set("from", FakeTelegram.user(ALICE));
        member.put("date", 1_700_000_000);
        member.putObject("old_chat_member").put("status", "left").set("user", FakeTelegram.botUser());
        member.putObject("new_chat_member").put("status", "member").set("user", FakeTelegram.botUser());
        bot.telegram.sendUpdate("my_chat_member", member);
        ObjectNode joined = groupMessage(null);
        joined.putArray("new_chat_members").add(FakeTelegram.user(2002));
        bot.telegram.send(joined);
        ObjectNode pinned = groupMessage(null);
        pinned.set("pinned_message", groupMessage("@gemini_test_bot pinned text"));
        bot.telegram.send(pinned);
        ObjectNode sticker = groupMessage(null);
        sticker.putObject("sticker").put("file_id", "s").put("file_unique_id", "su").put("type", "regular")
                .put("width", 1).put("height", 1).put("is_animated", false).put("is_video", false);
        bot.telegram.send(sticker);

        bot.settle();
        assertThat(bot.telegram.sent()).isEmpty();
        assertThat(bot.gemini.requests()).isEmpty();
        assertThat(bot.ask(ALICE, "still fine?")).isEqualTo("Answer to: still fine?");
    }

    @Test
    void a_forwarded_text_is_answered_like_any_question() {
        ObjectNode forwarded = privateMessage("forwarded words");
        forwarded.putObject("forward_origin").put("type", "hidden_user").put("date", 1_700_000_000)
                .put("sender_user_name", "Someone");

        assertThat(noteFor(forwarded)).isEqualTo("Answer to: forwarded words");
    }

    @Test
    void a_text_of_exactly_4096_characters_is_answered_completely() {
        String longest = "y".repeat(4096);

        bot.telegram.privateText(ALICE, longest);
        List<FakeTelegram.Sent> parts = bot.awaitSent(ALICE, 2);

        assertThat(bot.gemini.requestFor(longest).lastUserText()).hasSize(4096);
        assertThat(parts.get(0).text() + parts.get(1).text()).isEqualTo("Answer to: " + longest);
    }

    @Test
    void emoji_right_to_left_and_combining_characters_survive_the_round_trip() {
        String text = "👩‍👩‍👧‍👦 مرحبا بالعالم é̃ 🇫🇷 שָׁלוֹם";

        assertThat(bot.ask(ALICE, text)).isEqualTo("Answer to: " + text);
        assertThat(bot.gemini.requestFor(text).lastUserText()).isEqualTo(text);
    }

    @Test
    void text_that_looks_like_html_or_markdown_never_breaks_formatting() {
        String tricky = "<b>bold?</b> & <script>x</script> **not closed _ `tick [a](javascript:x) &amp; </i>";
        bot.gemini.answerWith(request -> request.lastUserText());

        String answer = bot.ask(ALICE, tricky);
        String history = bot.ask(ALICE, "/history");

        assertThat(bot.telegram.rejected()).isEmpty();
        assertThat(answer).contains("<b>bold?</b> & <script>x</script>").contains("</i>");
        assertThat(history).contains("You: " + tricky);
    }

    @Test
    @BotEnv({"BOT_MAX_QUESTION_LENGTH=50"})
    void an_overlong_question_gets_a_note_instead_of_a_gemini_call() throws Exception {
        assertThat(bot.ask(ALICE, "x".repeat(51))).isEqualTo(
                "Your message is too long for me (51 characters). Please keep it under 50.");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    @BotEnv({"BOT_RATE_LIMIT_MESSAGES=5", "BOT_RATE_LIMIT_PERIOD=1h"})
    void a_flooding_user_is_asked_once_to_slow_down_and_does_not_starve_others() throws Exception {
        String[] flood = new String[30];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = "spam " + i;
        }

        bot.telegram.privateTextsInOneBatch(ALICE, flood);
        String other = bot.ask(2002, "my turn?");
        bot.settle();

        assertThat(other).isEqualTo("Answer to: my turn?");
        List<String> toAlice = bot.telegram.sentTo(ALICE).stream().map(FakeTelegram.Sent::text).toList();
        assertThat(toAlice).hasSize(6).startsWith("Answer to: spam 0");
        assertThat(toAlice.get(5)).startsWith("You're sending questions faster than I can answer, so I skipped "
                + "\u201cspam 5\u201d. Please send it again in ");
        assertThat(bot.gemini.requests()).extracting(FakeGemini.Request::lastUserText).hasSize(6);
    }
}
