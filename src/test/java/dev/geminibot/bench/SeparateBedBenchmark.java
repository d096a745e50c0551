package dev.geminibot.bench;

import com.sun.tools.attach.VirtualMachine;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.testbed.FakeGemini;
import dev.geminibot.testbed.FakeTelegram;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The separate test bed of issue 9 ({@code -Dbench.only=bed}): the fakes run in a JVM of their own
 * ({@link FakeServers}), the bot is the built jar started as {@code java -jar target/gemini-telegram-bot.jar}
 * with its default settings except the URLs, the data directory, {@code BOT_RATE_LIMIT_MESSAGES=0} and
 * {@code TELEGRAM_RATE_LIMIT=false} (the fakes enforce no flood limits, and pacing to 30 msg/s would be all a
 * burst measured). This JVM only drives: it reads the bot's CPU time from {@code /proc/<pid>/stat}, its RSS from
 * {@code /proc/<pid>/status}, and the bytes it allocated from {@code ThreadMXBean.getTotalThreadAllocatedBytes}
 * through the local JMX agent (attach API), started only after start-up so that the agent's own work is outside
 * every window. Streaming is on (the default) in every scenario. Every process is killed in a finally block.
 */
final class SeparateBedBenchmark {
    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/gemini-telegram-bot.jar"));
    /** "script": the README's run command (the script mvn package writes beside the jar); "jar": plain java -jar. */
    private static final String LAUNCH = System.getProperty("bench.launch", "script");
    private static final Path SCRIPT = JAR.resolveSibling(JAR.getFileName().toString().replaceFirst("\\.jar$", ""));
    /** The image's /app: a copy of the script and the jar (made on first use, deleted at exit). */
    private static final Path IMAGE_SCRIPT = imageCopy();
    private static final String HOW = LAUNCH.equals("jar") ? "plain java -jar" : "README's run command";
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();
    private static final int BURST = 2_000;
    private static final int CHATS = 200;
    private static final long BURST_CHATS = 1;            // measured chats: 1..200
    private static final long WARM_UP_CHATS = 1_000_000;  // other users warm the bot up
    private static final long CLOCK_TICKS = clockTicks();
    /** Which of the bed's scenarios run ({@code -Dbench.bed=cold,short,long,latency,rss,start,reference}). */
    private static final List<String> SCENARIOS = List.of(System.getProperty("bench.bed",
            "cold,short,long,latency,rss,start,reference").split(","));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly)));
    }

    /** One burst scenario's figures. */
    private record BurstFigures(Figure rate, Figure cpu, Figure allocated, Figure otherCalls, Map<String, Figure> perMethod) {
        static BurstFigures of(String prefix, String rateTarget, String cpuTarget, String callsTarget) {
            Map<String, Figure> perMethod = new LinkedHashMap<>();
            for (String method : List.of("sendMessage", "sendChatAction", "sendMessageDraft", "getUpdates")) {
                perMethod.put(method.toLowerCase(Locale.ROOT), new Figure(prefix + ": " + method + " per answer", "", "—"));
            }
            return new BurstFigures(new Figure(prefix + ": messages per second", "msg/s", rateTarget),
                    new Figure(prefix + ": bot CPU per answered message", "ms", cpuTarget),
                    new Figure(prefix + ": allocated per answered message", "KB", "—"),
                    new Figure(prefix + ": Bot API calls other than getUpdates per answer", "", callsTarget),
                    perMethod);
        }

        void add(Phase phase) {
            rate.add(phase.answers() / phase.seconds());
            cpu.add(phase.cpuMillis() / phase.answers());
            if (phase.allocatedBytes() >= 0) {
                allocated.add(phase.allocatedBytes() / 1024.0 / phase.answers());
            }
            otherCalls.add(phase.calls().entrySet().stream().filter(e -> !e.getKey().equals("getupdates"))
                    .mapToInt(Map.Entry::getValue).sum() / (double) phase.answers());
            perMethod.forEach((method, figure) -> figure.add(phase.calls().getOrDefault(method, 0) / (double) phase.answers()));
        }

        List<Figure> all() {
            List<Figure> all = new ArrayList<>(List.of(rate, cpu, allocated, otherCalls));
            all.addAll(perMethod.values());
            return all.stream().filter(f -> !f.isEmpty()).toList();
        }
    }

    /** What one burst cost: wall time (burst queued → last answer), bot CPU, allocation, Bot API calls by method. */
    private record Phase(int answers, double seconds, double cpuMillis, long allocatedBytes, Map<String, Integer> calls) {
    }

    static List<Figure> run(int runs) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it first (mvn -B -q package -DskipTests), "
                    + "or run the bed through the bench profile, whose verify phase packages it");
        }
        DockerSettings docker = DockerSettings.read(Path.of("Dockerfile"));
        System.out.println("Separate bed: bot = " + (LAUNCH.equals("jar") ? JAVA + " -jar " + JAR : SCRIPT)
                + "; image settings: " + docker);
        BurstFigures cold = BurstFigures.of("B1. Cold burst (fresh bot), 2,000 msgs / 200 chats", "—", "—", "—");
        BurstFigures shortWarm = BurstFigures.of("B2. Burst after 200 warm-up msgs", "—", "≤ 1.5", "—");
        shortWarm.cpu.atMost(1.5);
        BurstFigures longWarm = BurstFigures.of("B3. Burst after 3,000 warm-up msgs", "—", "≤ 1.0", "≤ 1.1");
        longWarm.cpu.atMost(1.0);
        longWarm.otherCalls.atMost(1.1);
        Figure warmRss = new Figure("B3. RSS after that burst (JMX agent attached)", "MB", "—");
        Figure latencyRatio = new Figure("B4. Fresh bot, 200 chats at once, model latency 1 s: time to all answers / 1 s", "", "≤ 1.3")
                .atMost(1.3);
        Figure latencyCpu = new Figure("B4. … bot CPU from the burst to the last answer (+0.5 s)", "s", "—");
        Figure rssPlain = new Figure("B5. RSS after 2,000 conversations, " + HOW, "MB", "≤ 200")
                .atMost(200);
        Figure rssImage = new Figure("B5. RSS after 2,000 conversations, the image's settings (its script, JAVA_OPTS, MALLOC_ARENA_MAX)", "MB", "≤ 110")
                .atMost(110);
        Figure startPlain = new Figure("B6. Start to first getUpdates, 100,000 stored conversations, " + HOW, "s", "≤ 0.5")
                .atMost(0.5);
        Figure startEmpty = new Figure("B6. Start to first getUpdates, empty store, " + HOW + " (for comparison)", "s", "—");
        Figure coldVsReference = new Figure("B1 ÷ R1: cold burst, bot CPU per message relative to the reference bot's", "×", "—");
        Figure warmVsReference = new Figure("B3 ÷ R3: warm burst, bot CPU per message relative to the reference bot's", "×", "—");
        Figure startImage = new Figure("B6. Start to first getUpdates, 100,000 stored conversations, image settings", "s", "≤ 0.5")
                .atMost(0.5);
        BurstFigures referenceCold = BurstFigures.of("R1. Reference bot, cold burst 2,000 / 200", "—", "—", "—");
        BurstFigures referenceWarm = BurstFigures.of("R3. Reference bot, burst after 3,000 warm-up", "—", "—", "—");

        Path store = null;
        try {
            if (LAUNCH.equals("script")) {
                recordCache(SCRIPT, Map.of());
            }
            if (SCENARIOS.contains("rss") || SCENARIOS.contains("start")) {
                recordCache(IMAGE_SCRIPT, docker.environment());
            }
            if (SCENARIOS.contains("start")) {
                store = BenchmarkMain.conversationStore(100_000);
            }
            for (int run = 0; run < runs; run++) {
                System.out.printf(Locale.ROOT, "run %d/%d%n", run + 1, runs);
                if (SCENARIOS.contains("cold")) {
                    try (Bed bed = Bed.bot(Map.of(), null)) {
                        cold.add(bed.burst(BURST, CHATS, BURST_CHATS, true));
                    }
                }
                if (SCENARIOS.contains("short")) {
                    try (Bed bed = Bed.bot(Map.of(), null)) {
                        bed.burst(200, CHATS, WARM_UP_CHATS, false);
                        shortWarm.add(bed.burst(BURST, CHATS, BURST_CHATS, true));
                    }
                }
                if (SCENARIOS.contains("long")) {
                    try (Bed bed = Bed.bot(Map.of(), null)) {
                        bed.burst(3_000, CHATS, WARM_UP_CHATS, false);
                        longWarm.add(bed.burst(BURST, CHATS, BURST_CHATS, true));
                        warmRss.add(rssMegabytes(bed.bot.pid()));
                    }
                }
                if (SCENARIOS.contains("latency")) {
                    try (Bed bed = Bed.bot(Map.of(), null)) {
                        bed.fakes.command("latency 1000");
                        Phase phase = bed.burst(CHATS, CHATS, BURST_CHATS, false);
                        latencyRatio.add(phase.seconds());
                        latencyCpu.add(phase.cpuMillis() / 1000);
                        System.out.printf(Locale.ROOT, "  200 chats, latency 1 s: %s, bot CPU %s s (%s)%n", last(latencyRatio),
                                last(latencyCpu), bed.fakes.command("timeline"));
                    }
                }
                if (SCENARIOS.contains("rss")) {
                    rssPlain.add(rssAfterConversations(Map.of()));
                    rssImage.add(rssAfterConversations(docker.environment()));
                    System.out.printf(Locale.ROOT, "  RSS plain %s, image %s MB%n", last(rssPlain), last(rssImage));
                }
                if (SCENARIOS.contains("start")) {
                    startPlain.add(startToFirstPoll(store, Map.of()));
                    startImage.add(startToFirstPoll(store, docker.environment()));
                    startEmpty.add(startToFirstPoll(null, Map.of()));
                    System.out.printf(Locale.ROOT, "  start plain %s, image %s, empty store %s s%n", last(startPlain),
                            last(startImage), last(startEmpty));
                }
                if (SCENARIOS.contains("reference")) {
                    try (Bed bed = Bed.reference()) {
                        referenceCold.add(bed.burst(BURST, CHATS, BURST_CHATS, true));
                    }
                    try (Bed bed = Bed.reference()) {
                        bed.burst(3_000, CHATS, WARM_UP_CHATS, false);
                        referenceWarm.add(bed.burst(BURST, CHATS, BURST_CHATS, true));
                    }
                    if (!cold.cpu().isEmpty()) {
                        coldVsReference.add(cold.cpu().last() / referenceCold.cpu().last());
                    }
                    if (!longWarm.cpu().isEmpty()) {
                        warmVsReference.add(longWarm.cpu().last() / referenceWarm.cpu().last());
                    }
                }
            }
            String jfr = System.getProperty("bench.jfr");
            if (jfr != null && !jfr.isBlank()) {
                profileWarmBurst(Path.of(jfr));
                profileColdBurst(Path.of(jfr.replaceFirst("(\\.jfr)?$", "-cold.jfr")));
            }
        } finally {
            if (store != null) {
                deleteRecursively(store);
            }
        }
        List<Figure> figures = new ArrayList<>();
        figures.addAll(cold.all());
        figures.addAll(shortWarm.all());
        figures.addAll(longWarm.all());
        Stream.of(warmRss, latencyRatio, latencyCpu, rssPlain, rssImage, startPlain, startImage, startEmpty).filter(f -> !f.isEmpty())
                .forEach(figures::add);
        figures.addAll(referenceCold.all());
        figures.addAll(referenceWarm.all());
        Stream.of(coldVsReference, warmVsReference).filter(f -> !f.isEmpty()).forEach(figures::add);
        return figures;
    }

    /**
     * The run script's first run records what the bot loads and runs, and leaves the JDK's ahead-of-time cache
     * when it stops; every later start uses it. The bed does that first run (2,000 messages over 200 chats, then
     * SIGTERM), so that each measured start is a typical one, and prints what the first run cost.
     */
    private static void recordCache(Path script, Map<String, String> environment) throws Exception {
        Path cache = script.resolveSibling(script.getFileName() + ".aot");
        if (Files.exists(cache)) {
            return;
        }
        Bed bed = Bed.bot(environment, null);
        double start = (bed.firstPollNanos - bed.launchNanos) / 1e9;
        bed.burst(2_000, CHATS, WARM_UP_CHATS, false);
        long stop = System.nanoTime();
        bed.close();
        System.out.printf(Locale.ROOT, "  first run of %s (records): start to first poll %.2f s; stop and cache"
                + " written in %.1f s (%s, %.0f MB)%n", script, start, (System.nanoTime() - stop) / 1e9, Files.exists(cache)
                ? "cache written" : "NO CACHE", Files.exists(cache) ? Files.size(cache) / 1e6 : 0.0);
    }

    /** 2,000 users ask once, in waves of 200 at once (instant model); the bot's RSS 1 s after the last answer. */
    private static double rssAfterConversations(Map<String, String> extraEnvironment) throws Exception {
        try (Bed bed = Bed.bot(extraEnvironment, null)) {
            for (int wave = 0; wave < 10; wave++) {
                bed.burst(CHATS, CHATS, BURST_CHATS + wave * CHATS, false);
            }
            Thread.sleep(1000);
            return rssMegabytes(bed.bot.pid());
        }
    }

    /** Process launch (this JVM's clock) → the fake's first getUpdates (its clock: both CLOCK_MONOTONIC). */
    private static double startToFirstPoll(Path store, Map<String, String> extraEnvironment) throws Exception {
        Path dataDir = Files.createTempDirectory("bench-bed-start");
        if (store != null) {
            Files.copy(store.resolve(MapDbDatabase.FILE_NAME), dataDir.resolve(MapDbDatabase.FILE_NAME));
        }
        try (Bed bed = Bed.bot(extraEnvironment, dataDir)) {
            return (bed.firstPollNanos - bed.launchNanos) / 1e9;
        }
    }

    /** Three warm bursts of the bot again, recorded by JFR (profile settings, a sample every 2 ms); prints the hottest methods. */
    private static void profileWarmBurst(Path file) throws Exception {
        try (Bed bed = Bed.bot(Map.of(), null)) {
            bed.burst(3_000, CHATS, WARM_UP_CHATS, false);
            jcmd(bed.bot.pid(), "JFR.start", "name=bed", "settings=profile", "jdk.ExecutionSample#period=2ms",
                    "filename=" + file.toAbsolutePath());
            for (int burst = 0; burst < 3; burst++) { // enough samples for a top 10
                bed.burst(BURST, CHATS, BURST_CHATS + burst * CHATS, false);
            }
            jcmd(bed.bot.pid(), "JFR.stop", "name=bed");
        }
        HotMethods.print(file, 10, System.out);
    }

    /**
     * Scenario B4 on a fresh bot again, recorded by JFR from just before the burst (started by jcmd after the
     * first poll, then 2 s to settle) to the last answer; prints the hottest methods.
     */
    private static void profileColdBurst(Path file) throws Exception {
        try (Bed bed = Bed.bot(Map.of(), null)) {
            jcmd(bed.bot.pid(), "JFR.start", "name=bed", "settings=profile", "jdk.ExecutionSample#period=2ms",
                    "filename=" + file.toAbsolutePath());
            Thread.sleep(2000);
            bed.fakes.command("latency 1000");
            Phase phase = bed.burst(CHATS, CHATS, BURST_CHATS, false);
            System.out.printf(Locale.ROOT, "Cold burst under JFR: %.2f × the latency (%s)%n", phase.seconds(),
                    bed.fakes.command("timeline").substring(3));
            jcmd(bed.bot.pid(), "JFR.stop", "name=bed");
        }
        HotMethods.print(file, 10, System.out);
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(JAVA).resolveSibling("jcmd").toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }

    // ---- the processes ----------------------------------------------------------------------------

    /** A fakes process and a bot process (the real jar, or the reference bot) using it; both killed on close. */
    private static final class Bed implements AutoCloseable {
        final Fakes fakes;
        final Child bot;
        final long launchNanos;
        final long firstPollNanos;
        final Path dataDir;
        private Jmx jmx;

        private Bed(Fakes fakes, Child bot, long launchNanos, Path dataDir) throws Exception {
            this.fakes = fakes;
            this.bot = bot;
            this.launchNanos = launchNanos;
            this.dataDir = dataDir;
            String firstPoll = fakes.command("firstpoll 60");
            if (!firstPoll.startsWith("ok ")) {
                throw new IllegalStateException("the bot did not poll within 60 s:\n" + bot.tail());
            }
            this.firstPollNanos = Long.parseLong(firstPoll.substring(3));
        }

        /** The built jar, default settings except those a fake bed needs, plus {@code extraEnvironment}. */
        static Bed bot(Map<String, String> extraEnvironment, Path dataDir) throws Exception {
            Path data = dataDir != null ? dataDir : Files.createTempDirectory("bench-bed");
            // the image's settings are measured as the image runs them: the script in a directory of its own (its
            // /app, with its own cache) and the Dockerfile's JAVA_OPTS
            List<String> command = extraEnvironment.containsKey("JAVA_OPTS") ? List.of(IMAGE_SCRIPT.toString())
                    : LAUNCH.equals("jar") ? List.of(JAVA, "-jar", JAR.toString()) : List.of(SCRIPT.toString());
            return start(command, extraEnvironment, data);
        }

        /** The {@link ReferenceBot} (test classpath; it loads only the JDK and Jackson). */
        static Bed reference() throws Exception {
            return start(List.of(JAVA, "-cp", System.getProperty("java.class.path"), ReferenceBot.class.getName()),
                    Map.of(), Files.createTempDirectory("bench-bed-reference"));
        }

        private static Bed start(List<String> command, Map<String, String> extraEnvironment, Path dataDir) throws Exception {
            Fakes fakes = Fakes.start();
            Child bot = null;
            try {
                Map<String, String> environment = new HashMap<>();
                environment.put("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN);
                environment.put("GEMINI_API_KEY", FakeGemini.KEY);
                environment.put("TELEGRAM_API_URL", fakes.telegramUrl);
                environment.put("GEMINI_BASE_URL", fakes.geminiUrl);
                environment.put("BOT_DATA_DIR", dataDir.toString());
                environment.put("BOT_RATE_LIMIT_MESSAGES", "0"); // 10 a minute per user: a burst of 10 per chat is "slow down"
                environment.put("TELEGRAM_RATE_LIMIT", "false"); // the fakes enforce no flood limits; 30 msg/s pacing would be the figure
                environment.putAll(extraEnvironment);
                long launch = System.nanoTime();
                bot = Child.start(command, environment, dataDir.resolveSibling(dataDir.getFileName() + ".log"));
                return new Bed(fakes, bot, launch, dataDir);
            } catch (Exception | Error e) {
                if (bot != null) {
                    bot.close();
                }
                fakes.close();
                throw e;
            }
        }

        /**
         * Queues {@code messages} over {@code chats} at one instant and waits for every answer; with
         * {@code measure}, reads the bot's CPU and allocation around it (settled 0.5 s after the last answer).
         */
        Phase burst(int messages, int chats, long firstChat, boolean measure) throws Exception {
            if (measure && jmx == null) {
                jmx = Jmx.attach(bot.pid());
                Thread.sleep(500); // the agent's start-up is not the burst's
            }
            long allocatedBefore = measure ? jmx.allocatedBytes() : -1;
            double cpuBefore = cpuMillis(bot.pid());
            fakes.command("burst " + messages + " " + chats + " " + firstChat);
            String done = fakes.command("await " + messages + " 300");
            if (!done.startsWith("ok ")) {
                throw new IllegalStateException("not all answered (" + done + "):\n" + bot.tail());
            }
            double seconds = Long.parseLong(done.substring(3)) / 1e9;
            Thread.sleep(500); // commits and timers after the last answer belong to the burst
            double cpuMillis = cpuMillis(bot.pid()) - cpuBefore;
            long allocated = measure ? jmx.allocatedBytes() - allocatedBefore : -1;
            Map<String, Integer> calls = new HashMap<>();
            String counts = fakes.command("counts");
            for (String pair : counts.substring(3).split(" ")) {
                String[] parts = pair.split("=");
                calls.put(parts[0], Integer.parseInt(parts[1]));
            }
            calls.remove("gemini");
            int answers = calls.remove("answers");
            if (measure) {
                System.out.printf(Locale.ROOT, "  burst %d/%d: %.2f s, CPU %.0f ms, %s; %s%n", messages, chats, seconds,
                        cpuMillis, counts.substring(3), fakes.command("timeline").substring(3));
            }
            return new Phase(answers, seconds, cpuMillis, allocated, calls);
        }

        @Override
        public void close() throws Exception {
            try {
                if (jmx != null) {
                    jmx.close();
                }
            } finally {
                try {
                    bot.close();
                } finally {
                    fakes.close();
                    deleteRecursively(dataDir);
                }
            }
        }
    }

    /** A child process, its output in a file; killed (with its descendants) on close. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Path log;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
            CHILDREN.add(process);
        }

        static Child start(List<String> command, Map<String, String> environment, Path log) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
            builder.environment().putAll(environment);
            return new Child(builder.start(), log);
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        /** The bot's JVM: the process itself, or the java the run script started on a first run (it waits for it). */
        long pid() {
            return process.descendants().filter(child -> child.info().command().orElse("").endsWith("java"))
                    .findFirst().map(ProcessHandle::pid).orElse(process.pid());
        }

        /** SIGTERM, as docker stop and systemd stop a bot (a first run then writes its cache); SIGKILL after 60 s. */
        @Override
        public void close() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            CHILDREN.remove(process);
            Files.deleteIfExists(log);
        }
    }

    /** The {@link FakeServers} child: one command line in, one answer line out. */
    private static final class Fakes implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintStream in;
        final String telegramUrl;
        final String geminiUrl;

        private Fakes(Process process) throws IOException {
            this.process = process;
            CHILDREN.add(process);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String ports = out.readLine();
            if (ports == null || !ports.startsWith("ports ")) {
                throw new IllegalStateException("the fakes did not start: " + ports);
            }
            String[] words = ports.split(" ");
            this.telegramUrl = words[1];
            this.geminiUrl = words[2];
        }

        static Fakes start() throws IOException {
            Process process = new ProcessBuilder(JAVA, "-Dbench.backlog=" + Integer.getInteger("bench.backlog", 4096),
                    "-cp", System.getProperty("java.class.path"), FakeServers.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                return new Fakes(process);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        String command(String line) throws IOException {
            in.println(line);
            String answer = out.readLine();
            if (answer == null) {
                throw new IllegalStateException("the fakes exited during: " + line);
            }
            return answer;
        }

        @Override
        public void close() throws InterruptedException {
            in.println("quit");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            CHILDREN.remove(process);
        }
    }

    /** The bot's local JMX agent, started through the attach API (no port, no remote access). */
    private record Jmx(JMXConnector connector, MBeanServerConnection server) implements AutoCloseable {
        static Jmx attach(long pid) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
                return new Jmx(connector, connector.getMBeanServerConnection());
            } finally {
                vm.detach();
            }
        }

        /** Bytes allocated on the heap by all threads since start, terminated ones included (JDK 21+). */
        long allocatedBytes() throws Exception {
            return (Long) server.getAttribute(new ObjectName("java.lang:type=Threading"), "TotalThreadAllocatedBytes");
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }

    /** The JVM settings the image runs with, read from the Dockerfile's ENV. */
    private record DockerSettings(String javaOptions, String mallocArenaMax) {
        static DockerSettings read(Path dockerfile) throws IOException {
            String text = Files.readString(dockerfile);
            Matcher options = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(text);
            Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(text);
            if (!options.find()) {
                throw new IllegalStateException("no JAVA_OPTS in " + dockerfile);
            }
            return new DockerSettings(options.group(1), arenas.find() ? arenas.group(1) : null);
        }

        Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>(Map.of("JAVA_OPTS", javaOptions));
            if (mallocArenaMax != null) {
                environment.put("MALLOC_ARENA_MAX", mallocArenaMax);
            }
            return environment;
        }

        @Override
        public String toString() {
            return "JAVA_OPTS=\"" + javaOptions + "\" MALLOC_ARENA_MAX=" + mallocArenaMax;
        }
    }

    private static Path imageCopy() {
        try {
            Path directory = Files.createTempDirectory("bench-image");
            Path script = directory.resolve(SCRIPT.getFileName());
            if (Files.exists(SCRIPT)) {
                Files.copy(SCRIPT, script, StandardCopyOption.COPY_ATTRIBUTES);
                Files.copy(JAR, directory.resolve(JAR.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteRecursively(directory);
                } catch (IOException e) {
                    // a temporary directory
                }
            }));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String last(Figure figure) {
        return String.format(Locale.ROOT, "%.2f", figure.last());
    }

    // ---- /proc ------------------------------------------------------------------------------------

    /** utime + stime of the whole process (threads that ended included), in ms. */
    static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from 3 (state) on
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15: utime, stime
        return ticks * 1000.0 / CLOCK_TICKS;
    }

    static double rssMegabytes(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            String rss = lines.filter(line -> line.startsWith("VmRSS:")).findFirst().orElseThrow();
            return Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException e) {
            return 100; // Linux's USER_HZ almost everywhere
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private SeparateBedBenchmark() {
    }
}
