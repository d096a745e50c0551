package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeFiles;
import dev.geminibot.testbed.FakeGemini;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.geminibot.bot.MediaTest.bytes;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Files in groups (captions address the bot like texts; replies to media bring it along) and albums. */
class MediaInGroupsAndAlbumsTest {
    private static final long GROUP = -100123;

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    private final FakeFiles files = bot.telegram.files();

    @Test
    void an_album_of_three_photos_in_three_batches_is_one_question_with_all_three() throws Exception {
        List<byte[]> photos = List.of(bytes(1000, 21), bytes(1000, 22), bytes(1000, 23));

        bot.telegram.privateAlbum(ALICE, photos.stream().map(files::photo).toList(), "Which one is the best?",
                () -> await().atMost(Duration.ofSeconds(10)).until(() -> bot.telegram.unconfirmedUpdates() == 0));

        bot.awaitSent(ALICE, 1);
        bot.settle();
        assertThat(bot.telegram.sentTo(ALICE)).singleElement()
                .satisfies(sent -> assertThat(sent.text()).isEqualTo("Answer to: Which one is the best?"));
        assertThat(bot.gemini.requests()).singleElement().satisfies(request -> {
            assertThat(request.lastUserMedia()).extracting(FakeGemini.Media::bytes).containsExactlyElementsOf(photos);
            assertThat(request.lastUserMedia()).extracting(FakeGemini.Media::mimeType).containsOnly("image/jpeg");
        });
        assertThat(bot.ask(ALICE, "/history")).contains("You: [photo] [photo] [photo] Which one is the best?");
    }

    @Test
    void a_photo_whose_caption_mentions_the_bot_is_answered_in_a_group_and_others_are_ignored() throws Exception {
        byte[] jpeg = bytes(2000, 24);
        bot.telegram.groupMedia(GROUP, BOB, files.photo(bytes(100, 25)), "look at my cat");
        bot.telegram.groupMedia(GROUP, ALICE, files.photo(jpeg), "@gemini_test_bot what is this?");

        bot.awaitSent(GROUP, 1);
        bot.settle();

        assertThat(bot.telegram.sentTo(GROUP)).singleElement()
                .satisfies(sent -> assertThat(sent.text()).isEqualTo("Answer to: what is this?"));
        assertThat(bot.gemini.requestFor("what is this?").lastUserMedia())
                .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(jpeg));
    }

    @Test
    void a_caption_starting_with_ask_addresses_the_bot() {
        byte[] pdf = "%PDF-1.7".getBytes();
        bot.telegram.groupMedia(GROUP, ALICE, files.document(pdf, "a.pdf", "application/pdf"), "/ask what is this form?");

        bot.awaitSent(GROUP, 1);

        assertThat(bot.gemini.requestFor("what is this form?").lastUserMedia())
                .singleElement().satisfies(media -> assertThat(media.mimeType()).isEqualTo("application/pdf"));
    }

    @Test
    void replying_to_someone_elses_screenshot_with_a_mention_brings_the_screenshot_along() {
        byte[] screenshot = bytes(5000, 26);
        ObjectNode bobsPhoto = bot.telegram.groupMedia(GROUP, BOB, files.photo(screenshot), null);

        bot.telegram.replyTo(bobsPhoto, ALICE, "@gemini_test_bot what does this say?");
        bot.awaitSent(GROUP, 1);

        assertThat(bot.gemini.requestFor("what does this say?").lastUserMedia())
                .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(screenshot));
        assertThat(bot.gemini.requests()).hasSize(1); // Bob's photo alone asked nothing
    }

    @Test
    void an_album_in_a_group_with_the_mention_on_its_caption_is_asked_about_whole() throws Exception {
        List<byte[]> photos = List.of(bytes(800, 27), bytes(800, 28));
        List<ObjectNode> parts = photos.stream().map(files::photo).toList();
        String album = "grp-album-1";
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode message = bot.telegram.message(dev.geminibot.testbed.FakeTelegram.groupChat(GROUP),
                    dev.geminibot.testbed.FakeTelegram.user(ALICE), null);
            message.setAll(parts.get(i));
            message.put("media_group_id", album);
            if (i == 0) {
                dev.geminibot.testbed.Updates.caption(message, "@gemini_test_bot compare these");
            }
            bot.telegram.send(message);
        }

        bot.awaitSent(GROUP, 1);
        bot.settle();

        assertThat(bot.telegram.sentTo(GROUP)).hasSize(1);
        assertThat(bot.gemini.requestFor("compare these").lastUserMedia()).extracting(FakeGemini.Media::bytes)
                .containsExactlyElementsOf(photos);
    }

    @Test
    @BotEnv({"BOT_RATE_LIMIT_MESSAGES=1", "BOT_RATE_LIMIT_PERIOD=1h"})
    void an_album_over_the_rate_limit_gets_the_note_once_and_is_not_answered_by_its_other_parts() throws Exception {
        assertThat(bot.ask(ALICE, "q1")).isEqualTo("Answer to: q1");

        bot.telegram.privateAlbum(ALICE, List.of(files.photo(bytes(500, 31)), files.photo(bytes(500, 32))),
                "album one", () -> { });
        bot.awaitSent(ALICE, 2);
        bot.settle();

        assertThat(bot.telegram.sentTo(ALICE)).hasSize(2);
        assertThat(bot.telegram.sentTo(ALICE).get(1).text()).contains("I skipped");
        assertThat(bot.gemini.requests()).hasSize(1);
    }

    @Test
    @BotEnv("BOT_DAILY_MESSAGES=1")
    void an_album_over_the_daily_limit_is_refused_once() throws Exception {
        assertThat(bot.ask(ALICE, "q1")).isEqualTo("Answer to: q1");

        bot.telegram.privateAlbum(ALICE, List.of(files.photo(bytes(500, 33)), files.photo(bytes(500, 34)),
                files.photo(bytes(500, 35))), "album", () -> { });
        bot.awaitSent(ALICE, 2);
        bot.settle();

        assertThat(bot.telegram.sentTo(ALICE)).hasSize(2);
        assertThat(bot.telegram.sentTo(ALICE).get(1).text()).startsWith("You've used today's 1 question.");
        assertThat(bot.gemini.requests()).hasSize(1);
    }
}
