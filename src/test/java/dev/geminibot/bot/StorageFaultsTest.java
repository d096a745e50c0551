package dev.geminibot.bot;

import dev.geminibot.StartupException;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.LogCapture;
import dev.geminibot.testbed.SmallDisk;
import dev.geminibot.testbed.TestBot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.geminibot.testbed.People.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The disk and the store file failing the way production disks and files fail. */
class StorageFaultsTest {
    @TempDir
    Path tempDir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final LogCapture logs = new LogCapture();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        logs.close();
    }

    @Test
    void a_full_disk_holds_messages_at_telegram_and_the_bot_carries_on_when_space_returns() throws Exception {
        SmallDisk disk = closeLater(SmallDisk.mount(tempDir, "6m"));
        TestBot bot = closeLater(new TestBot(disk.path().resolve("data")).start());
        assertThat(bot.ask(ALICE, "my name is Alice")).isEqualTo("Answer to: my name is Alice");

        disk.fill();
        bot.telegram.privateText(ALICE, "written while the disk is full");

        await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("Cannot write the conversation store in BOT_DATA_DIR") == 1);
        assertThat(logs.messages()).anySatisfy(line -> assertThat(line).contains("No space left on device"));
        // not confirmed to Telegram: the batch is not recorded, so it must stay Telegram's to re-deliver
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bot.telegram.unconfirmedUpdates() == 1 && bot.telegram.sentTo(ALICE).size() == 1);

        disk.free();

        assertThat(bot.awaitSent(ALICE, 2).get(1).text()).isEqualTo("Answer to: written while the disk is full");
        bot.settle();
        bot.restart();
        bot.ask(ALICE, "what is my name?");
        assertThat(bot.gemini.requestFor("what is my name?").userTexts())
                .containsExactly("my name is Alice", "written while the disk is full", "what is my name?");
        assertThat(logs.count("takes writes again; carrying on")).isEqualTo(1);
    }

    @Test
    void stopping_while_the_disk_is_full_exits_non_zero_and_loses_nothing() throws Exception {
        SmallDisk disk = closeLater(SmallDisk.mount(tempDir, "6m"));
        TestBot fakes = closeLater(new TestBot(disk.path().resolve("data")));
        try (BotProcess bot = BotProcess.started(fakes.environment())) {
            fakes.ask(ALICE, "my name is Alice");
            disk.fill();
            fakes.telegram.privateText(ALICE, "written while the disk is full");
            bot.awaitOutput("Cannot write the conversation store");

            assertThat(bot.terminate()).isNotZero();
            assertThat(bot.output()).contains("Stopped, not cleanly");
        }
        disk.free();

        try (BotProcess bot = BotProcess.started(fakes.environment())) {
            // "Answer to: my name is Alice" may come again: the disk filled in the commit window that marks it done
            await().atMost(Duration.ofSeconds(20)).until(() -> fakes.telegram.sentTo(ALICE).stream()
                    .filter(sent -> sent.text().equals("Answer to: written while the disk is full")).count() == 1);
            assertThat(fakes.gemini.requestFor("written while the disk is full").userTexts())
                    .containsExactly("my name is Alice", "written while the disk is full");
            assertThat(bot.terminate()).isZero();
        }
    }

    @Test
    void a_damaged_store_stops_the_start_with_one_line_naming_the_file() throws Exception {
        Path dataDir = tempDir.resolve("data");
        try (TestBot bot = new TestBot(dataDir).start()) {
            for (int i = 0; i < 30; i++) {
                bot.ask(ALICE + i, "question " + i + " ".repeat(200));
            }
        }
        Path file = dataDir.resolve(MapDbDatabase.FILE_NAME);
        damage(file);

        TestBot fakes = closeLater(new TestBot(dataDir));
        try (BotProcess bot = BotProcess.start(fakes.environment())) {
            assertThat(bot.awaitExit()).isNotZero();
            assertThat(bot.output().strip()).startsWith("gemini-telegram-bot: The conversation store " + file + " is damaged (")
                    .contains("restore a copy of it").doesNotContain("\n");
        }
        assertThat(fakes.telegram.methodsCalled()).doesNotContain("getupdates");
    }

    @Test
    void the_data_directory_and_its_files_are_readable_by_the_owner_only() throws Exception {
        Path dataDir = tempDir.resolve("new").resolve("data");
        try (TestBot bot = new TestBot(dataDir).start()) {
            bot.ask(ALICE, "hello");
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(path ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------"));
        }
    }

    @Test
    void a_data_directory_that_is_a_file_is_named_in_the_start_up_error() throws Exception {
        Path notADirectory = Files.writeString(tempDir.resolve("data"), "oops");

        try (TestBot bot = closeLater(new TestBot(notADirectory))) {
            assertThatThrownBy(bot::start).isInstanceOf(StartupException.class)
                    .hasMessage("BOT_DATA_DIR " + notADirectory + " is not a directory");
        }
    }

    /** Random bytes over the start of the file after its header, where MapDB keeps its index of records. */
    private static void damage(Path file) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] noise = new byte[4096];
            new Random(42).nextBytes(noise);
            raf.seek(8192);
            raf.write(noise);
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }
}
