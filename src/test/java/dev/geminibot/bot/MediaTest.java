package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotEnv;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeFiles;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static dev.geminibot.testbed.FakeTelegram.TOKEN;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/** Photos, voice notes and documents in private chats: what Gemini receives, and what the user reads back. */
class MediaTest {
    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    private final FakeFiles files = bot.telegram.files();

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private String send(long user, ObjectNode media, String caption) {
        int before = bot.telegram.sentTo(user).size();
        bot.telegram.privateMedia(user, media, caption);
        return bot.awaitSent(user, before + 1).get(before).text();
    }

    @Test
    void a_photo_with_a_caption_is_asked_about_with_the_photos_exact_bytes() {
        byte[] jpeg = bytes(50_000, 1);

        String answer = send(ALICE, files.photo(jpeg), "What is in this picture?");

        assertThat(answer).isEqualTo("Answer to: What is in this picture?");
        FakeGemini.Request request = bot.gemini.requestFor("What is in this picture?");
        assertThat(request.lastUserMedia()).singleElement().satisfies(media -> {
            assertThat(media.mimeType()).isEqualTo("image/jpeg");
            assertThat(media.bytes()).isEqualTo(jpeg); // the largest size, not the thumbnail
        });
    }

    @Test
    void a_photo_without_a_caption_is_described() {
        String answer = send(ALICE, files.photo(bytes(1000, 2)), null);

        assertThat(answer).startsWith("Answer to: Describe this image");
        assertThat(bot.gemini.requests().getLast().lastUserMedia()).hasSize(1);
    }

    @Test
    void a_voice_note_without_caption_is_the_user_speaking_to_the_bot() {
        byte[] ogg = bytes(8000, 3);

        String answer = send(ALICE, files.voice(ogg, 12), null);

        assertThat(answer).startsWith("Answer to: Listen to this recording");
        assertThat(bot.gemini.requests().getLast().lastUserMedia()).singleElement().satisfies(media -> {
            assertThat(media.mimeType()).isEqualTo("audio/ogg");
            assertThat(media.bytes()).isEqualTo(ogg);
        });
    }

    @Test
    void a_pdf_goes_to_gemini_as_a_pdf() {
        byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);

        send(ALICE, files.document(pdf, "report.pdf", "application/pdf"), "Summarise it");

        assertThat(bot.gemini.requestFor("Summarise it").lastUserMedia()).singleElement().satisfies(media -> {
            assertThat(media.mimeType()).isEqualTo("application/pdf");
            assertThat(media.bytes()).isEqualTo(pdf);
        });
    }

    @Test
    void a_text_document_goes_to_gemini_as_text_even_when_telegram_calls_it_octet_stream() {
        byte[] markdown = "# Plan\n- ship media support\n".getBytes(StandardCharsets.UTF_8);

        String answer = send(ALICE, files.document(markdown, "plan.md", "application/octet-stream"), "Any risks?");

        assertThat(answer).startsWith("Answer to: Any risks?");
        FakeGemini.Request request = bot.gemini.requests().getLast();
        assertThat(request.lastUserMedia()).isEmpty();
        assertThat(request.lastUserText()).contains("Any risks?").contains("plan.md").contains("- ship media support");
    }

    @Test
    void a_follow_up_question_sees_the_photo_again_within_the_window_and_after_a_restart() throws Exception {
        byte[] jpeg = bytes(20_000, 4);
        send(ALICE, files.photo(jpeg), "What is this?");

        bot.ask(ALICE, "What colour is the car?");
        assertThat(bot.gemini.requestFor("What colour is the car?").allMedia())
                .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(jpeg));

        bot.restart();
        bot.ask(ALICE, "And the sky?");
        FakeGemini.Request afterRestart = bot.gemini.requestFor("And the sky?");
        assertThat(afterRestart.userTexts()).startsWith("What is this?");
        assertThat(afterRestart.allMedia()).singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(jpeg));
    }

    @Test
    void a_follow_up_within_minutes_does_not_download_the_photo_again() {
        ObjectNode photo = files.photo(bytes(20_000, 5));
        send(ALICE, photo, "What is this?");

        bot.ask(ALICE, "Is it old?");

        assertThat(files.downloads(FakeFiles.fileId(photo))).isEqualTo(1);
    }

    @Test
    void history_shows_files_as_labels_with_their_captions() {
        send(ALICE, files.photo(bytes(100, 6)), "what is this?");
        send(ALICE, files.voice(bytes(100, 7), 12), null);

        String history = bot.ask(ALICE, "/history");

        assertThat(history).contains("You: [photo] what is this?\nGemini:").contains("You: [voice 0:12]\nGemini:");
    }

    @Test
    void replying_to_an_earlier_photo_includes_it() {
        byte[] jpeg = bytes(3000, 8);
        ObjectNode photoMessage = bot.telegram.privateMedia(ALICE, files.photo(jpeg), null);
        bot.awaitSent(ALICE, 1);
        bot.gemini.requests(); // the photo was described

        bot.telegram.replyTo(photoMessage, ALICE, "Is there a dog?");
        bot.awaitSent(ALICE, 2);

        assertThat(bot.gemini.requestFor("Is there a dog?").lastUserMedia())
                .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(jpeg));
    }

    @Test
    void a_file_telegram_will_not_serve_as_too_big_gets_one_clear_reply_and_nothing_is_remembered() {
        ObjectNode video = files.document(bytes(100, 9), "movie.mp4", "video/mp4");
        files.fail(FakeFiles.fileId(video), FakeFiles.Fault.TOO_BIG);

        String reply = send(ALICE, video, "what happens?");

        assertThat(reply).startsWith("This file is too big for me (at most 20 MB)");
        assertThat(bot.gemini.requests()).isEmpty();
        assertThat(bot.ask(ALICE, "/history")).contains("I don't remember anything");
    }

    @Test
    void a_file_reported_over_the_limit_is_not_even_asked_for() {
        String reply = send(ALICE, files.documentOfSize(bytes(10, 10), "huge.pdf", "application/pdf", 25L << 20), null);

        assertThat(reply).startsWith("This file is too big for me");
        assertThat(bot.telegram.methodsCalled()).doesNotContain("getfile", "download");
    }

    @Test
    void a_download_that_fails_is_explained_and_leaves_memory_unchanged() {
        ObjectNode gone = files.photo(bytes(100, 11));
        files.fail(FakeFiles.fileId(gone), FakeFiles.Fault.NOT_FOUND);
        ObjectNode cut = files.photo(bytes(100_000, 12));
        files.fail(FakeFiles.fileId(cut), FakeFiles.Fault.CUT_SHORT);
        try (LogCapture logs = new LogCapture()) {
            assertThat(send(ALICE, gone, "a?")).startsWith("I can't get this file from Telegram any more");
            assertThat(send(ALICE, cut, "b?")).startsWith("I couldn't download your file from Telegram");

            String logged = logs.events().stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList().toString();
            assertThat(logged).doesNotContain(TOKEN).doesNotContain("/file/bot");
        }
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void unsupported_files_get_a_plain_reply_and_stickers_keep_theirs() {
        String zip = send(ALICE, files.document(bytes(100, 13), "backup.zip", "application/zip"), null);
        ObjectNode sticker = bot.telegram.message(dev.geminibot.testbed.FakeTelegram.privateChat(BOB),
                dev.geminibot.testbed.FakeTelegram.user(BOB), null);
        sticker.putObject("sticker").put("file_id", "s1").put("file_unique_id", "s1").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        bot.telegram.send(sticker);

        assertThat(zip).startsWith("I can't read this file (backup.zip)");
        assertThat(bot.awaitSent(BOB, 1).getFirst().text()).startsWith("I can only read text messages");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void a_text_document_that_is_not_text_is_called_unreadable() {
        byte[] binary = {(byte) 0xC3, 0x28, 0, 1, 2};

        assertThat(send(ALICE, files.document(binary, "notes.txt", "text/plain"), null)).startsWith("I can't read this file");
        assertThat(bot.gemini.requests()).isEmpty();
    }

    @Test
    void gemini_refusing_a_file_is_said_plainly_and_nothing_is_remembered() {
        bot.gemini.respondWith(request -> request.lastUserMedia().isEmpty() ? FakeGemini.Reply.text("ok")
                : FakeGemini.Reply.error(400, "INVALID_ARGUMENT", "Unsupported MIME type: video/x-msvideo"));

        String reply = send(ALICE, files.document(bytes(100, 14), "clip.avi", "video/x-msvideo"), "what is it?");

        assertThat(reply).startsWith("Gemini couldn't read this file");
        assertThat(bot.ask(ALICE, "hello")).isEqualTo("ok");
        assertThat(bot.gemini.requestFor("hello").turns()).hasSize(1);
    }

    @Test
    @BotEnv("BOT_STREAMING=true")
    void a_photo_is_answered_by_the_streaming_model_too() {
        byte[] jpeg = bytes(4000, 16);

        assertThat(send(ALICE, files.photo(jpeg), "Streamed?")).isEqualTo("Answer to: Streamed?");

        assertThat(bot.gemini.streamedRequests()).isEqualTo(1);
        assertThat(bot.gemini.requestFor("Streamed?").lastUserMedia())
                .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(jpeg));
    }

    @Test
    void an_invalid_api_key_is_still_the_operators_problem_when_a_photo_is_asked_about() {
        bot.gemini.respondWith(request -> FakeGemini.Reply.error(400, "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key."));

        assertThat(send(ALICE, files.photo(bytes(100, 17)), "hm?")).contains("problem on my side");
    }

    @Test
    @BotEnv("BOT_MAX_QUESTION_LENGTH=10")
    void the_question_length_cap_applies_to_captions() {
        assertThat(send(ALICE, files.photo(bytes(100, 15)), "a caption longer than ten"))
                .startsWith("Your message is too long for me");
        assertThat(files.downloads()).isZero();
    }

    static List<String> texts(List<FakeGemini.Request> requests) {
        return requests.stream().map(FakeGemini.Request::lastUserText).toList();
    }
}
