package dev.geminibot.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.geminibot.store.MapDbChatMemoryStore;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.TestBot;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * The benchmark suite of docs/benchmarks.md: drives the real bot (the same wiring as Main: in-process App, or
 * Main in a child JVM for the footprint) against the fake Telegram and Gemini on 127.0.0.1, whose own
 * capacity is measured first. Prints a Markdown table of medians over several runs with min and max.
 * Run with {@code mvn -B -q -DskipTests -Pbench verify}; {@code -Dbench.runs=N} changes the number of runs,
 * {@code -Dbench.only=capacity,concurrency,throughput,footprint,store,bed} picks scenarios ({@code bed}: the
 * separate test bed of {@link SeparateBedBenchmark}, the jar against fakes in another JVM).
 */
public final class BenchmarkMain {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** Streaming answers (BOT_STREAMING) in the in-process scenarios; off unless -Dbench.streaming=true. */
    private static final String STREAMING = System.getProperty("bench.streaming", "false");

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.out.println(machine() + ", BOT_STREAMING=" + STREAMING);
        List<String> only = List.of(System.getProperty("bench.only", "capacity,concurrency,throughput,footprint,store,bed").split(","));
        List<Figure> figures = new ArrayList<>();
        if (only.contains("capacity")) {
            figures.addAll(testBedCapacity());
        }
        if (only.contains("concurrency")) {
            figures.add(concurrency());
        }
        if (only.contains("throughput")) {
            figures.addAll(throughput());
        }
        if (only.contains("footprint")) {
            figures.addAll(footprint());
        }
        if (only.contains("store")) {
            figures.addAll(storeMicroBenchmark());
        }
        if (only.contains("bed")) {
            figures.addAll(SeparateBedBenchmark.run(RUNS));
        }
        System.out.println();
        System.out.println("| Figure | Median | Min | Max | Runs | Target |");
        System.out.println("|---|---|---|---|---|---|");
        figures.forEach(figure -> System.out.println(figure.row()));
        System.exit(0);
    }

    private static String machine() {
        return String.format(Locale.ROOT, "Machine: %d cores, %d GiB RAM, %s %s, JDK %s (%s), %d runs per figure",
                Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() >> 30,
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(),
                System.getProperty("java.vm.name"), RUNS);
    }

    // ---- 0. the test bed's own ceiling -----------------------------------------------------------

    private static List<Figure> testBedCapacity() throws Exception {
        Figure telegram = new Figure("Test bed: fake Telegram sendMessage capacity", "req/s", "(ceiling)");
        Figure gemini = new Figure("Test bed: fake Gemini generateContent capacity", "req/s", "(ceiling)");
        for (int run = 0; run < RUNS; run++) {
            try (TestBot bed = new TestBot(Files.createTempDirectory("bench-bed"))) {
                telegram.add(hammer(bed.telegram.apiUrl() + "/bot" + dev.geminibot.testbed.FakeTelegram.TOKEN + "/sendMessage",
                        "{\"chat_id\":1,\"text\":\"capacity probe\"}", Map.of()));
                gemini.add(hammer(bed.gemini.baseUrlWithVersion() + "/models/gemini-2.5-flash:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"probe\"}]}]}",
                        Map.of("x-goog-api-key", FakeGemini.KEY)));
            }
        }
        return List.of(telegram, gemini);
    }

    /** Requests per second 64 concurrent clients get for 3 s (after 1 s of warm-up). */
    private static double hammer(String url, String body, Map<String, String> headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        AtomicLong done = new AtomicLong();
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmUntil + TimeUnit.SECONDS.toNanos(3);
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (System.nanoTime() > warmUntil) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return done.get() / 3.0;
    }

    // ---- 1. concurrency ---------------------------------------------------------------------------

    private static Figure concurrency() throws Exception {
        Figure ratio = new Figure("1. 200 conversations at once, Gemini latency 1 s: time to all answers / 1 s", "",
                "≤ 1.2");
        for (int run = 0; run < RUNS; run++) {
            try (TestBot bot = new TestBot(Files.createTempDirectory("bench-concurrency")).with("BOT_STREAMING", STREAMING)
                    .with("TELEGRAM_RATE_LIMIT", "false").with("BOT_RATE_LIMIT_MESSAGES", "0").start()) {
                bot.gemini.respondWith(request -> {
                    Thread.sleep(1000); // the model's latency
                    return FakeGemini.Reply.text("Answer to: " + request.lastUserText());
                });
                warmUp(bot, 200, 1_000_000);
                AtomicLong lastAnswer = new AtomicLong();
                AtomicInteger answers = new AtomicInteger();
                bot.telegram.onSent(sent -> {
                    lastAnswer.set(System.nanoTime());
                    answers.incrementAndGet();
                });
                Map<Long, String> texts = new HashMap<>();
                for (long user = 1; user <= 200; user++) {
                    texts.put(user, "question " + user);
                }
                long start = System.nanoTime();
                bot.telegram.privateTextsAtOnce(texts);
                await().atMost(Duration.ofSeconds(60)).until(() -> answers.get() == 200);
                ratio.add((lastAnswer.get() - start) / 1e9);
                if (Boolean.getBoolean("bench.timeline")) {
                    List<Long> arrivals = bot.gemini.arrivals().stream().skip(200).map(t -> (t - start) / 1_000_000).sorted().toList();
                    List<Long> sends = bot.telegram.sentNanos().stream().skip(200).map(t -> (t - start) / 1_000_000).sorted().toList();
                    System.out.println("answers ms: first " + sends.getFirst() + " p50 " + sends.get(100) + " last " + sends.getLast());
                    System.out.println("Gemini arrivals ms: first " + arrivals.getFirst() + " p50 " + arrivals.get(100) + " last " + arrivals.getLast());
                }
            }
        }
        return ratio;
    }

    /** A burst like the measured one, from other users: JIT-compiled code and open connections, as in a running bot. */
    private static void warmUp(TestBot bot, int users, long firstUser) {
        Map<Long, String> texts = new HashMap<>();
        for (long user = firstUser; user < firstUser + users; user++) {
            texts.put(user, "warm-up");
        }
        int before = bot.telegram.sent().size();
        bot.telegram.privateTextsAtOnce(texts);
        await().atMost(Duration.ofSeconds(60)).until(() -> bot.telegram.sent().size() >= before + users);
    }

    // ---- 2. overhead and throughput ------------------------------------------------------------

    private static List<Figure> throughput() throws Exception {
        Figure rate = new Figure("2. Throughput, 5,000 messages over 500 conversations, instant Gemini", "msg/s", "≥ 1,000");
        Figure loaded = new Figure("2. … latency at that load (500 in flight: mostly queueing), p50", "ms", "—");
        Figure p50 = new Figure("2. Time the bot adds (update available → answer at the fake), p50", "ms", "≤ 3");
        Figure p99 = new Figure("2. Time the bot adds, p99", "ms", "≤ 20");
        for (int run = 0; run < RUNS; run++) {
            try (TestBot bot = new TestBot(Files.createTempDirectory("bench-throughput")).with("BOT_STREAMING", STREAMING)
                    .with("TELEGRAM_RATE_LIMIT", "false").with("BOT_RATE_LIMIT_MESSAGES", "0").start()) {
                closedLoop(bot, 100, 10, 1_000_000); // warm-up: JIT, connections
                long[] result = closedLoop(bot, 500, 10, 2_000_000);
                long[] latencies = latencies(result);
                rate.add(latencies.length / (result[result.length - 1] / 1e9));
                loaded.add(latencies[latencies.length / 2] / 1e6);
                // the bot's own overhead: one conversation at a time, so nothing queues
                long[] alone = latencies(closedLoop(bot, 1, 500, 3_000_000));
                p50.add(alone[alone.length / 2] / 1e6);
                p99.add(alone[(int) (alone.length * 0.99)] / 1e6);
            }
        }
        return List.of(rate, loaded, p50, p99);
    }

    private static long[] latencies(long[] closedLoopResult) {
        long[] latencies = Arrays.copyOf(closedLoopResult, closedLoopResult.length - 1);
        Arrays.sort(latencies);
        return latencies;
    }

    /**
     * Each of {@code conversations} users sends {@code perConversation} messages, the next as soon as the
     * answer to the previous one arrives. Returns every latency and, last, the elapsed time (ns).
     */
    private static long[] closedLoop(TestBot bot, int conversations, int perConversation, long firstUser) {
        int total = conversations * perConversation;
        long[] latencies = new long[total + 1];
        AtomicInteger answered = new AtomicInteger();
        Map<Long, Long> askedAt = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> sentCount = new ConcurrentHashMap<>();
        bot.telegram.onSent(sent -> {
            long now = System.nanoTime();
            Long asked = askedAt.get(sent.chatId());
            if (asked == null) {
                return;
            }
            int index = answered.getAndIncrement();
            latencies[index] = now - asked;
            if (sentCount.get(sent.chatId()).incrementAndGet() < perConversation) {
                askedAt.put(sent.chatId(), System.nanoTime());
                bot.telegram.privateText(sent.chatId(), "next question");
            }
        });
        Map<Long, String> first = new HashMap<>();
        long start = System.nanoTime();
        for (long user = firstUser; user < firstUser + conversations; user++) {
            sentCount.put(user, new AtomicInteger());
            askedAt.put(user, start);
            first.put(user, "first question");
        }
        bot.telegram.privateTextsAtOnce(first);
        await().atMost(Duration.ofMinutes(5)).until(() -> answered.get() >= total);
        latencies[total] = System.nanoTime() - start;
        bot.telegram.onSent(sent -> { });
        return latencies;
    }

    // ---- 3. footprint ----------------------------------------------------------------------------

    private static List<Figure> footprint() throws Exception {
        long buildStart = System.nanoTime();
        Path seed = conversationStore(100_000);
        Figure fileSize = new Figure("3. Store file, 100,000 conversations × 3 exchanges", "MB", "—");
        fileSize.add(Files.size(seed.resolve(MapDbDatabase.FILE_NAME)) / 1e6);
        System.out.printf(Locale.ROOT, "Built the 100,000-conversation store in %.1f s%n", (System.nanoTime() - buildStart) / 1e9);

        Figure startup = new Figure("3. Start to first getUpdates (child JVM, that store)", "s", "≤ 1.5");
        Figure rssStart = new Figure("3. RSS after start", "MB", "≤ 150");
        Figure rssAfter = new Figure("3. RSS after answering 1,000 of them", "MB", "≤ 150");
        for (int run = 0; run < RUNS; run++) {
            Path dataDir = Files.createTempDirectory("bench-footprint");
            Files.copy(seed.resolve(MapDbDatabase.FILE_NAME), dataDir.resolve(MapDbDatabase.FILE_NAME));
            try (TestBot fakes = new TestBot(dataDir).with("MALLOC_ARENA_MAX", FOOTPRINT_MALLOC_ARENAS)) {
                long start = System.nanoTime();
                List<String> options = System.getProperty("bench.jvm") == null ? FOOTPRINT_JVM_OPTIONS
                        : List.of(System.getProperty("bench.jvm").split(" "));
                try (BotProcess bot = BotProcess.start(fakes.environment(), options)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> fakes.telegram.firstGetUpdatesNanos() != 0);
                    startup.add((fakes.telegram.firstGetUpdatesNanos() - start) / 1e9);
                    bot.awaitOutput("Started as");
                    Thread.sleep(1000); // let start-up settle before reading RSS
                    rssStart.add(SeparateBedBenchmark.rssMegabytes(bot.pid()));
                    for (int wave = 0; wave < 1000 / FOOTPRINT_WAVE; wave++) {
                        Map<Long, String> texts = new HashMap<>();
                        for (long user = wave * FOOTPRINT_WAVE + 1; user <= (wave + 1) * FOOTPRINT_WAVE; user++) {
                            texts.put(user, "Tell me more about country number " + user);
                        }
                        fakes.telegram.privateTextsAtOnce(texts);
                        int expected = (wave + 1) * FOOTPRINT_WAVE;
                        await().atMost(Duration.ofSeconds(120)).until(() -> fakes.telegram.sent().size() >= expected);
                    }
                    rssAfter.add(SeparateBedBenchmark.rssMegabytes(bot.pid()));
                    if (Boolean.getBoolean("bench.nmt")) {
                        Process jcmd = new ProcessBuilder(Path.of(ProcessHandle.current().info().command().orElseThrow())
                                .resolveSibling("jcmd").toString(), String.valueOf(bot.pid()), "VM.native_memory", "summary")
                                .redirectErrorStream(true).start();
                        System.out.println(new String(jcmd.getInputStream().readAllBytes()));
                    }
                    bot.terminate();
                }
            }
        }
        return List.of(fileSize, startup, rssStart, rssAfter);
    }

    /**
     * A data directory whose store holds {@code conversations} conversations × 3 exchanges, written directly
     * (user ids 1..conversations, each its own private chat).
     */
    static Path conversationStore(int conversations) throws IOException {
        Path seed = Files.createTempDirectory("bench-store");
        try (MapDbDatabase database = MapDbDatabase.open(seed)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            for (int batch = 0; batch < conversations / 2000; batch++) {
                int from = batch * 2000 + 1;
                database.atomically(() -> {
                    for (long user = from; user < from + 2000; user++) {
                        store.updateMessages(user + ":" + user, List.of(
                                UserMessage.from("What is the capital of country number " + user + "?"),
                                AiMessage.from("The capital of country number " + user + " is City " + user + "."),
                                UserMessage.from("And its population?"),
                                AiMessage.from("About " + user * 7 + " people live there, according to the last census."),
                                UserMessage.from("Thanks!"),
                                AiMessage.from("You're welcome! Ask me anything else about it.")));
                    }
                });
            }
        }
        return seed;
    }

    // ---- 4. store micro-benchmark (JMH) ------------------------------------------------------------

    private static List<Figure> storeMicroBenchmark() throws Exception {
        Figure append1 = new Figure("4. Store: append an exchange + commit, 1 thread", "ops/s", "—");
        Figure append1p99 = new Figure("4. Store: append + commit, 1 thread, p99", "ms", "—");
        Figure append8 = new Figure("4. Store: append an exchange + commit, 8 threads (group commit)", "ops/s", "—");
        Figure append8p99 = new Figure("4. Store: append + commit, 8 threads, p99", "ms", "—");
        Figure read = new Figure("4. Store: read a window, 1 thread", "ops/s", "—");
        Figure readP99 = new Figure("4. Store: read a window, p99", "µs", "—");
        for (int run = 0; run < Math.min(RUNS, 3); run++) {
            jmh("appendExchangeAndCommit", 1, append1, append1p99, 1e3);
            jmh("appendExchangeAndCommit", 8, append8, append8p99, 1e3);
            jmh("readWindow", 1, read, readP99, 1e6);
        }
        return List.of(append1, append1p99, append8, append8p99, read, readP99);
    }

    /** One JMH run of {@code method}: sample-time mode gives both the rate and the p99. */
    private static void jmh(String method, int threads, Figure rate, Figure p99, double perSecondToUnit) throws Exception {
        var options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(StoreBenchmark.class.getName() + "." + method + "$")
                .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
                .timeUnit(TimeUnit.SECONDS)
                .threads(threads)
                .forks(1)
                .warmupIterations(2).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        var result = new org.openjdk.jmh.runner.Runner(options).runSingle().getPrimaryResult();
        var statistics = result.getStatistics();
        double meanSeconds = statistics.getMean();
        rate.add(threads / meanSeconds);
        p99.add(statistics.getPercentile(99) * perSecondToUnit);
    }

    /** The JVM options the Dockerfile set when the footprint figures were first taken (its heap is 256m now). */
    static final List<String> FOOTPRINT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx48m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=24m", "-XX:+ExitOnOutOfMemoryError");
    static final String FOOTPRINT_MALLOC_ARENAS = System.getProperty("bench.arenas", "2");
    /** 1,000 conversations are answered in waves of this many at once. */
    static final int FOOTPRINT_WAVE = Integer.getInteger("bench.wave", 100);

    private BenchmarkMain() {
    }
}
