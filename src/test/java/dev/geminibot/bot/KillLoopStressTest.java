package dev.geminibot.bot;

import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.TestBot;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery promise under repeated crashes: the packaged bot runs in a child JVM against the fakes, users
 * write steadily, and the bot is killed with SIGKILL several times at random moments and restarted on the same
 * data directory. In the end every message must have reached Gemini and been answered. A reply sent twice is
 * counted, not failed: that is the documented crash window between Telegram accepting a reply and the inbox
 * noting it.
 * <p>
 * Not part of {@code mvn verify}: tagged {@code stress}, run with {@code mvn -B -Pstress test}. Each run takes
 * 20-40 s. System properties (all optional; {@code -Dname=value} on the Maven command line):
 * <ul>
 *   <li>{@code stress.runs} (10) runs, each with a fresh data directory and seed {@code stress.seed + i}</li>
 *   <li>{@code stress.seed} (the current time) the first run's seed; it drives the kill moments (the timing of
 *       the threads does the rest, so a seed narrows a reproduction down but does not replay it)</li>
 *   <li>{@code stress.messages} (480), {@code stress.chats} (60), {@code stress.kills} (3) per run</li>
 *   <li>{@code stress.burst} (8) messages queued at once, {@code stress.feedMillis} (9000) over which the
 *       messages are spread</li>
 *   <li>{@code stress.geminiMillis} (20) the fake model's latency</li>
 *   <li>{@code stress.streaming} ({@code alternate}) {@code true}, {@code false}, or {@code alternate}
 *       (odd runs stream)</li>
 *   <li>{@code stress.settleSeconds} (90) how long the last process may take to answer everything</li>
 * </ul>
 * A run that loses a message prints its seed, the lost messages, the kills and every process's output, and
 * keeps its directory as {@code target/stress-failures/<seed>/}: {@code data/} as the last process left it,
 * {@code after-kill-N/} the data directory right after the N-th kill (before the restart), {@code bot-N.log}.
 * Every run appends one line to {@code target/stress-results.txt}.
 */
@Tag("stress")
class KillLoopStressTest {
    private static final int RUNS = Integer.getInteger("stress.runs", 10);
    private static final long BASE_SEED = Long.getLong("stress.seed", System.currentTimeMillis());
    private static final int MESSAGES = Integer.getInteger("stress.messages", 480);
    private static final int CHATS = Integer.getInteger("stress.chats", 60);
    private static final int KILLS = Integer.getInteger("stress.kills", 3);
    private static final int BURST = Integer.getInteger("stress.burst", 8);
    private static final long FEED_MILLIS = Long.getLong("stress.feedMillis", 9000);
    private static final long GEMINI_MILLIS = Long.getLong("stress.geminiMillis", 20);
    private static final String STREAMING = System.getProperty("stress.streaming", "alternate");
    private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("stress.settleSeconds", 90));
    private static final long FIRST_USER = 5001;
    private static final String ANSWER = "Answer to: ";
    private static final Path TARGET = Path.of("target");

    @Test
    void no_message_is_lost_when_the_bot_is_killed_repeatedly_under_load() throws Exception {
        System.out.printf("Kill-loop stress: %d run(s) from seed %d; %d messages over %d chats, %d kills per run, "
                        + "bursts of %d over %d ms, Gemini %d ms, streaming %s%n",
                RUNS, BASE_SEED, MESSAGES, CHATS, KILLS, BURST, FEED_MILLIS, GEMINI_MILLIS, STREAMING);
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            boolean streaming = switch (STREAMING) {
                case "true" -> true;
                case "false" -> false;
                default -> i % 2 == 1;
            };
            RunResult result = new Run(BASE_SEED + i, streaming).execute();
            results.add(result);
            System.out.println(result.line());
            Files.writeString(TARGET.resolve("stress-results.txt"), result.line() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        List<RunResult> failed = results.stream().filter(RunResult::failed).toList();
        System.out.printf("Kill-loop stress: %d run(s), %d failed (seeds %s), %d message(s) lost, "
                        + "%d duplicate repl(ies), %d repeated Gemini request(s)%n",
                results.size(), failed.size(), failed.stream().map(r -> String.valueOf(r.seed())).toList(),
                results.stream().mapToInt(r -> r.lost().size()).sum(),
                results.stream().mapToInt(RunResult::duplicateReplies).sum(),
                results.stream().mapToInt(RunResult::repeatedAsks).sum());
        assertThat(failed).as("runs that lost a message or broke (details above and in target/stress-failures/)")
                .extracting(RunResult::line).isEmpty();
    }

    /** One message a user wrote. */
    private record Message(long updateId, long chatId, String text, long atMillis) {
    }

    private record RunResult(long seed, boolean streaming, long millis, List<String> kills, List<String> lost,
                             int duplicateReplies, int repeatedAsks, int otherReplies, List<Integer> leftOver,
                             String error) {
        boolean failed() {
            return !lost.isEmpty() || error != null;
        }

        String line() {
            return String.format("seed %d streaming=%s %5.1f s kills %s left-over %s: lost %d, duplicate replies %d, "
                            + "repeated Gemini requests %d, other replies %d%s",
                    seed, streaming, millis / 1000.0, kills, leftOver, lost.size(), duplicateReplies, repeatedAsks,
                    otherReplies, error == null ? "" : ", ERROR " + error);
        }
    }

    /** One run: fresh data directory and fakes, a sender thread, the bot killed {@link #KILLS} times. */
    private static final class Run {
        private final long seed;
        private final boolean streaming;
        private final Random random;
        private final Path dir;
        private final Path dataDir;
        private final List<Message> messages = new CopyOnWriteArrayList<>();
        private final List<String> kills = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final AtomicInteger replies = new AtomicInteger();
        private long startNanos;

        Run(long seed, boolean streaming) {
            this.seed = seed;
            this.streaming = streaming;
            this.random = new Random(seed);
            this.dir = TARGET.resolve("stress-runs").resolve(String.valueOf(seed));
            this.dataDir = dir.resolve("data");
        }

        RunResult execute() throws Exception {
            deleteRecursively(dir);
            Files.createDirectories(dataDir);
            startNanos = System.nanoTime();
            String error = null;
            BotProcess bot = null;
            Thread sender = null;
            try (TestBot fakes = new TestBot(dataDir)
                    .with("BOT_RATE_LIMIT_MESSAGES", "0") // the per-user limit must not drop anything
                    .with("TELEGRAM_RATE_LIMIT", "false")
                    .with("BOT_STREAMING", String.valueOf(streaming))) {
                fakes.gemini.respondWith(request -> {
                    if (GEMINI_MILLIS > 0) {
                        Thread.sleep(GEMINI_MILLIS); // the model thinking (load shaping, not synchronisation)
                    }
                    return FakeGemini.Reply.text(ANSWER + request.lastUserText());
                });
                fakes.telegram.onSent(sent -> replies.incrementAndGet());
                sender = Thread.ofPlatform().name("stress-sender-" + seed).start(() -> feed(fakes.telegram));

                bot = BotProcess.start(fakes.environment());
                for (int kill = 1; kill <= KILLS; kill++) {
                    String moment = awaitKillMoment(bot);
                    int repliesBefore = replies.get();
                    int asked = fakes.gemini.requests().size();
                    bot.kill();
                    kills.add(String.format("kill %d at %d ms, %s: %d message(s) queued, %d repl(ies) sent, "
                                    + "%d Gemini request(s), %d unconfirmed", kill, elapsedMillis(), moment,
                            messages.size(), repliesBefore, asked, fakes.telegram.unconfirmedUpdates()));
                    keepOutput(bot);
                    copyRecursively(dataDir, dir.resolve("after-kill-" + kill));
                    bot = BotProcess.start(fakes.environment());
                }
                sender.join(Duration.ofMillis(FEED_MILLIS * 3 + 10_000));

                BotProcess last = bot;
                try {
                    await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                            .failFast("the bot exited", () -> !last.isAlive())
                            .until(() -> fakes.telegram.unconfirmedUpdates() == 0 && unanswered(fakes).isEmpty());
                } catch (ConditionTimeoutException e) {
                    error = "not everything answered within " + SETTLE.toSeconds() + " s";
                } catch (TerminalFailureException e) {
                    error = "bot process " + (outputs.size() + 1) + " exited by itself: "
                            + firstLine(last.output());
                }
                if (last.isAlive()) {
                    int status = last.terminate();
                    if (status != 0 && error == null) {
                        error = "exit status " + status + " after SIGTERM";
                    }
                }
                keepOutput(last);
                bot = null;
                return analyse(fakes, error);
            } catch (Throwable e) {
                error = e instanceof TerminalFailureException || e instanceof IllegalStateException
                        ? e.getMessage() : e.toString();
                if (bot != null) {
                    bot.kill();
                    keepOutput(bot);
                    error += " (its output: " + firstLine(outputs.get(outputs.size() - 1)) + ")";
                }
                RunResult result = new RunResult(seed, streaming, elapsedMillis(), kills, List.of(), 0, 0, 0,
                        leftOver(), error);
                report(result, List.of());
                return result;
            } finally {
                if (sender != null) {
                    sender.interrupt();
                }
            }
        }

        /** Queues the messages in bursts at a steady pace, whatever state the bot is in (Telegram keeps them). */
        private void feed(FakeTelegram telegram) {
            int bursts = Math.max(1, (MESSAGES + BURST - 1) / BURST);
            long pause = FEED_MILLIS / bursts;
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    long chat = FIRST_USER + i % CHATS;
                    String text = "message " + (i + 1) + " from " + chat + " (seed " + seed + ")";
                    long updateId = telegram.privateTextUpdate(chat, text);
                    messages.add(new Message(updateId, chat, text, elapsedMillis()));
                    if ((i + 1) % BURST == 0) {
                        Thread.sleep(pause); // load shaping: users write at a steady pace
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Waits for the next kill: usually until the bot has sent a random number of further replies (so the
         * kill lands among inbox commits and sends) plus a random fraction of a millisecond-scale jitter;
         * sometimes at a random time after the process started (start-up and the leftover work included).
         */
        private String awaitKillMoment(BotProcess bot) throws InterruptedException {
            if (random.nextInt(4) == 0) {
                long delay = 300 + random.nextInt(2700);
                Thread.sleep(delay); // fault timing: a kill at an arbitrary moment of start-up or work
                if (!bot.isAlive()) {
                    throw new IllegalStateException("bot process " + (outputs.size() + 1) + " exited by itself");
                }
                return delay + " ms after the process started";
            }
            int more = 1 + random.nextInt(40);
            int target = Math.min(replies.get() + more, MESSAGES);
            long jitterNanos = random.nextLong(5_000_000);
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .failFast("bot process " + (outputs.size() + 1) + " exited by itself", () -> !bot.isAlive())
                    .until(() -> replies.get() >= target);
            LockSupport.parkNanos(jitterNanos); // fault timing
            return String.format("%d more repl(ies) + %.2f ms", more, jitterNanos / 1e6);
        }

        private List<Message> unanswered(TestBot fakes) {
            Set<String> replied = fakes.telegram.sent().stream().map(FakeTelegram.Sent::text).collect(Collectors.toSet());
            return messages.stream().filter(m -> !replied.contains(ANSWER + m.text())).toList();
        }

        private RunResult analyse(TestBot fakes, String error) {
            Map<String, Long> asked = fakes.gemini.requests().stream()
                    .collect(Collectors.groupingBy(FakeGemini.Request::lastUserText, Collectors.counting()));
            List<String> replyTexts = fakes.telegram.sent().stream().map(FakeTelegram.Sent::text).toList();
            Map<String, Long> answered = replyTexts.stream().filter(t -> t.startsWith(ANSWER))
                    .collect(Collectors.groupingBy(t -> t.substring(ANSWER.length()), Collectors.counting()));
            List<String> lost = new ArrayList<>();
            List<String> duplicates = new ArrayList<>();
            int repeatedAsks = 0;
            if (messages.size() != MESSAGES && error == null) {
                error = "only " + messages.size() + " of " + MESSAGES + " messages were queued";
            }
            for (Message m : messages) {
                long askedTimes = asked.getOrDefault(m.text(), 0L);
                long answeredTimes = answered.getOrDefault(m.text(), 0L);
                if (askedTimes == 0 || answeredTimes == 0) {
                    lost.add(String.format("update %d, chat %d, queued at %d ms: \"%s\" reached Gemini %d time(s), "
                            + "answered %d time(s)", m.updateId(), m.chatId(), m.atMillis(), m.text(), askedTimes, answeredTimes));
                }
                if (answeredTimes > 1) {
                    duplicates.add(String.format("update %d \"%s\" answered %d times", m.updateId(), m.text(), answeredTimes));
                }
                if (askedTimes > 1) {
                    repeatedAsks++;
                }
            }
            List<String> other = replyTexts.stream().filter(t -> !t.startsWith(ANSWER)).toList();
            duplicates.stream().limit(10).forEach(d -> System.out.println("  duplicate (seed " + seed + "): " + d));
            if (duplicates.size() > 10) {
                System.out.println("  ... and " + (duplicates.size() - 10) + " more duplicate(s)");
            }
            other.stream().distinct().limit(5).forEach(t -> System.out.println("  other reply (seed " + seed + "): " + t));
            RunResult result = new RunResult(seed, streaming, elapsedMillis(), kills, lost, duplicates.size(),
                    repeatedAsks, other.size(), leftOver(), error);
            report(result, lost);
            return result;
        }

        /** How many left-over requests each restarted process reported finishing. */
        private List<Integer> leftOver() {
            List<Integer> counts = new ArrayList<>();
            for (String output : outputs.subList(Math.min(1, outputs.size()), outputs.size())) {
                var matcher = java.util.regex.Pattern.compile("Finishing (\\d+) request").matcher(output);
                counts.add(matcher.find() ? Integer.parseInt(matcher.group(1)) : 0);
            }
            return counts;
        }

        private void report(RunResult result, List<String> lost) {
            if (!result.failed()) {
                deleteRecursively(dir);
                return;
            }
            StringBuilder report = new StringBuilder();
            report.append("=== FAILED run, seed ").append(seed).append(" (streaming=").append(streaming).append(")\n");
            kills.forEach(k -> report.append("  ").append(k).append('\n'));
            if (result.error() != null && !lost.isEmpty()) {
                report.append("  (the run broke, so the unanswered messages below may simply not have had their turn)\n");
            }
            lost.stream().limit(30).forEach(l -> report.append("  LOST ").append(l).append('\n'));
            if (lost.size() > 30) {
                report.append("  ... and ").append(lost.size() - 30).append(" more (report.txt has them all)\n");
            }
            for (int i = 0; i < outputs.size(); i++) {
                report.append("--- output of bot process ").append(i + 1).append(" ---\n").append(outputs.get(i));
            }
            StringBuilder all = new StringBuilder(report);
            lost.stream().skip(30).forEach(l -> all.append("  LOST ").append(l).append('\n'));
            try {
                Files.writeString(dir.resolve("report.txt"), all, StandardCharsets.UTF_8);
                Path kept = TARGET.resolve("stress-failures").resolve(String.valueOf(seed));
                deleteRecursively(kept);
                Files.createDirectories(kept.getParent());
                Files.move(dir, kept, StandardCopyOption.REPLACE_EXISTING);
                report.append("=== data directories and outputs kept in ").append(kept.toAbsolutePath()).append('\n');
            } catch (IOException e) {
                report.append("=== could not keep ").append(dir).append(": ").append(e).append('\n');
            }
            System.out.print(report);
        }

        private void keepOutput(BotProcess bot) {
            String output = bot.output();
            outputs.add(output);
            try {
                Files.writeString(dir.resolve("bot-" + outputs.size() + ".log"), output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }

    private static String firstLine(String output) {
        return output.isBlank() ? "(no output)" : output.strip().lines().findFirst().orElseThrow();
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
