package dev.geminibot.bot;

import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.BotProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.geminibot.bot.MediaTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 100 users send a 10 MB PDF at the same moment to a bot in a child JVM with a small heap: every one is answered,
 * and the process's peak RSS is printed (docs/benchmarks.md, "Media"). Without the media memory budget the
 * requests in flight alone would need several GB. Run: {@code mvn -B -Pstress test -Dtest=MediaBurstStressTest}.
 */
@Tag("stress")
class MediaBurstStressTest {
    private static final int USERS = Integer.getInteger("burst.users", 100);
    private static final int FILE_BYTES = Integer.getInteger("burst.fileMb", 10) << 20;
    private static final String HEAP = System.getProperty("burst.xmx", "384m");

    @RegisterExtension
    final BotExtension fakes = BotExtension.fakesOnly();

    @Test
    void a_burst_of_big_files_is_answered_whole_within_a_small_heap() throws Exception {
        byte[] pdf = bytes(FILE_BYTES, 51); // one array for every user's file: the fake holds 10 MB, not 1 GB
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.put("BOT_RATE_LIMIT_MESSAGES", "0");
        environment.put("TELEGRAM_RATE_LIMIT", "false");
        long started;
        try (BotProcess bot = BotProcess.start(environment, List.of("-Xmx" + HEAP))) {
            bot.awaitOutput("Started as");
            long baseline = rssKb(bot.pid(), "VmRSS");
            started = System.nanoTime();
            fakes.telegram.inOneBatch(() -> {
                for (long user = 1; user <= USERS; user++) {
                    fakes.telegram.privateMedia(10_000 + user, fakes.telegram.files()
                            .document(pdf, "report-" + user + ".pdf", "application/pdf"), "Summarise it");
                }
            });
            try {
                await().atMost(Duration.ofMinutes(3)).failFast("the bot died", () -> !bot.isAlive())
                        .until(() -> fakes.telegram.sent().size() >= USERS);
            } catch (RuntimeException | AssertionError e) {
                System.out.println("MEDIA BURST: " + fakes.telegram.sent().size() + " answered; bot output:\n" + bot.output());
                throw e;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long peak = rssKb(bot.pid(), "VmHWM");
            System.out.printf("MEDIA BURST: %d users x %d MB PDF, -Xmx%s: all answered in %d s; RSS %d MB before, "
                    + "peak %d MB%n", USERS, FILE_BYTES >> 20, HEAP, seconds, baseline / 1024, peak / 1024);
            assertThat(fakes.telegram.sent()).extracting(s -> s.text()).containsOnly("Answer to: Summarise it");
            assertThat(bot.output()).doesNotContain("OutOfMemoryError");
            bot.terminate();
        }
    }

    private static long rssKb(long pid, String field) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }
}
