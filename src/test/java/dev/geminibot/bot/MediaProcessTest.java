package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeFiles;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.geminibot.bot.MediaTest.bytes;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Media requests keep the text bot's promise across SIGKILL: each is answered exactly once after the restart. */
class MediaProcessTest {
    @RegisterExtension
    final BotExtension fakes = BotExtension.fakesOnly();

    @Test
    void media_requests_killed_mid_download_and_mid_gemini_are_answered_exactly_once_after_restart() throws Exception {
        FakeFiles files = fakes.telegram.files();
        byte[] alicesPhoto = bytes(300_000, 31); // served slowly: the download is under way for half a minute
        byte[] bobsVoice = bytes(4_000, 32);
        ObjectNode photo = files.photo(alicesPhoto);
        files.fail(FakeFiles.fileId(photo), FakeFiles.Fault.SLOW);
        CountDownLatch geminiResumes = new CountDownLatch(1);
        fakes.gemini.respondWith(request -> {
            if (request.lastUserText().startsWith("Listen")) {
                geminiResumes.await(30, TimeUnit.SECONDS);
            }
            return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
        });

        try (BotProcess first = BotProcess.started(fakes.environment())) {
            fakes.telegram.privateMedia(ALICE, photo, "what is this?");
            fakes.telegram.privateMedia(BOB, files.voice(bobsVoice, 3), null);
            await().atMost(Duration.ofSeconds(20)).until(() -> files.downloads(FakeFiles.fileId(photo)) == 1
                    && fakes.gemini.requests().stream().anyMatch(r -> r.lastUserText().startsWith("Listen")));
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.unconfirmedUpdates() == 0);

            first.kill();
        }
        files.heal(FakeFiles.fileId(photo));
        geminiResumes.countDown();

        try (BotProcess second = BotProcess.started(fakes.environment())) {
            fakes.ask(ALICE, "after");
            fakes.ask(BOB, "after");

            assertThat(fakes.telegram.sentTo(ALICE)).extracting(FakeTelegram.Sent::text)
                    .containsExactly("Answer to: what is this?", "Answer to: after");
            assertThat(fakes.telegram.sentTo(BOB)).extracting(FakeTelegram.Sent::text).hasSize(2)
                    .last().isEqualTo("Answer to: after");
            assertThat(fakes.gemini.requestFor("what is this?").lastUserMedia())
                    .singleElement().satisfies(media -> assertThat(media.bytes()).isEqualTo(alicesPhoto));
            assertThat(fakes.gemini.requestFor("after").allMedia()).isNotEmpty(); // the voice note is remembered
            assertThat(second.terminate()).isZero();
            assertThat(second.output()).doesNotContain(FakeTelegram.TOKEN).doesNotContain("/file/bot");
        }
    }
}
