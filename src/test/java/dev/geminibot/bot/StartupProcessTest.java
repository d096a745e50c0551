package dev.geminibot.bot;

import dev.geminibot.Launcher;
import dev.geminibot.testbed.BotProcess;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.TestBot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the bot starts, or refuses to, as an operator sees it: a child JVM, its whole output, its exit status. */
class StartupProcessTest {
    private static final long ALICE = 1001;

    @TempDir
    Path dataDir;
    private TestBot fakes;

    @BeforeEach
    void startFakes() {
        fakes = new TestBot(dataDir); // only its fake servers and environment are used here
    }

    @AfterEach
    void stopFakes() {
        fakes.close();
    }

    @Test
    void a_timeout_without_a_unit_stops_the_start_with_one_line_saying_how_to_write_it() throws Exception {
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.put("GEMINI_TIMEOUT", "60");

        try (BotProcess bot = BotProcess.start(environment)) {
            assertThat(bot.awaitExit()).isNotZero();
            assertThat(bot.output()).isEqualTo("gemini-telegram-bot: Invalid setting GEMINI_TIMEOUT (gemini.timeout):"
                    + " a duration needs a unit, e.g. 60s, 500ms or 2m, got '60'\n");
        }
    }

    @Test
    void an_empty_token_variable_as_docker_compose_passes_it_leaves_the_token_of_the_file_in_force() throws Exception {
        Path file = dataDir.resolve("bot.conf");
        Files.writeString(file, "telegram.bot-token = \"" + FakeTelegram.TOKEN + "\"\n");
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.put("TELEGRAM_BOT_TOKEN", "");
        environment.put("BOT_CONFIG_FILE", file.toString());

        try (BotProcess bot = BotProcess.started(environment)) {
            assertThat(fakes.ask(ALICE, "hello")).isEqualTo("Answer to: hello");
            assertThat(bot.terminate()).isZero();
            assertThat(bot.output()).doesNotContain(FakeTelegram.TOKEN);
        }
    }

    @Test
    void an_empty_token_variable_and_no_token_in_the_file_say_the_variable_is_empty_and_where_to_set_it() throws Exception {
        Map<String, String> environment = new HashMap<>(fakes.environment());
        environment.put("TELEGRAM_BOT_TOKEN", "");

        try (BotProcess bot = BotProcess.start(environment)) {
            assertThat(bot.awaitExit()).isNotZero();
            assertThat(bot.output()).isEqualTo("gemini-telegram-bot: TELEGRAM_BOT_TOKEN is empty: it must hold the token"
                    + " @BotFather gave you; set the variable (an empty one counts as unset) or telegram.bot-token in "
                    + Path.of("config", "bot.conf") + "\n");
        }
    }

    @Test
    void the_launcher_on_java_17_prints_one_line_naming_the_java_it_found() throws Exception {
        Optional<Path> java17 = installedJava(17);
        assumeTrue(java17.isPresent(), "no Java 17 in /usr/lib/jvm");

        Result result = run(List.of(java17.get().toString(), "-cp", launcherClasses(), "dev.geminibot.Launcher"), Map.of());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).matches("gemini-telegram-bot needs Java 21 or newer; this is Java 17 \\(/[^\n]+\\)\n");
    }

    @Test
    void the_launcher_on_a_new_enough_java_runs_the_bot() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();

        Result result = run(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.geminibot.Launcher"),
                Map.of("GEMINI_API_KEY", "k"));

        assertThat(result.status()).isEqualTo(2); // Main's status for a settings error
        assertThat(result.output()).isEqualTo(
                "gemini-telegram-bot: TELEGRAM_BOT_TOKEN is not set: it must hold the token @BotFather gave you\n");
    }

    @Test
    void the_run_script_runs_the_bot_as_its_own_process_so_ctrl_c_stops_it_cleanly_and_errors_are_one_line() throws Exception {
        Path script = writeRunScriptBesideAJarOfTheTestClasspath();
        Map<String, String> environment = new HashMap<>(fakes.environment());
        // an operator's default java may be 17: the script must not depend on it
        installedJava(17).ifPresent(java17 -> environment.put("PATH", java17.getParent() + ":" + System.getenv("PATH")));

        Map<String, String> badTimeout = new HashMap<>(environment);
        badTimeout.put("GEMINI_TIMEOUT", "60");
        Result refused = run(List.of("sh", script.toString()), badTimeout);
        assertThat(refused.status()).isEqualTo(2);
        String oneLine = "gemini-telegram-bot: Invalid setting GEMINI_TIMEOUT (gemini.timeout):"
                + " a duration needs a unit, e.g. 60s, 500ms or 2m, got '60'\n";
        assertThat(refused.output()).isEqualTo(oneLine);
        assertThat(script.resolveSibling("gemini-telegram-bot.aot")).as("no cache from a run that failed").doesNotExist();
        // a cache this JVM cannot use (another JDK's, a damaged file) is passed over without a word
        Files.writeString(script.resolveSibling("gemini-telegram-bot.aot"), "not a cache");
        assertThat(run(List.of("sh", script.toString()), badTimeout)).isEqualTo(new Result(2, oneLine));
        Files.delete(script.resolveSibling("gemini-telegram-bot.aot"));

        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(environment);
        Process bot = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> copyLines(bot, output));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !bot.isAlive() || output.toString().contains("Started as"));
            assertThat(fakes.ask(ALICE, "hello")).isEqualTo("Answer to: hello");

            // Ctrl-C: on a first run the script passes it on to the JVM and waits (later runs exec java)
            new ProcessBuilder("kill", "-INT", String.valueOf(bot.pid())).start().waitFor();

            assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            reader.join();
            assertThat(bot.exitValue()).isZero();
            assertThat(output.toString()).contains("Stop requested").contains("Stopped");
        } finally {
            bot.destroyForcibly();
        }
    }

    /** What {@code mvn package} leaves in target/: the run script, and beside it a jar (here: of the test classpath). */
    private Path writeRunScriptBesideAJarOfTheTestClasspath() throws Exception {
        Path directory = Files.createDirectories(dataDir.resolve("target"));
        Path script = directory.resolve("gemini-telegram-bot");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Result written = run(List.of(java, Path.of("src", "build", "RunScript.java").toString(), script.toString()), Map.of());
        assertThat(written.status()).as(written.output()).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.geminibot.Launcher");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(entry -> Path.of(entry).toUri().toString()).collect(joining(" ")));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(directory.resolve("gemini-telegram-bot.jar")), manifest)) {
            jar.flush();
        }
        return script;
    }

    private static void copyLines(Process process, StringBuffer output) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            lines.lines().forEach(line -> output.append(line).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            // the process ended
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Result(process.exitValue(), output);
    }

    /** The directory holding the Java 8 launcher class (target/classes). */
    private static String launcherClasses() throws Exception {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Optional<Path> installedJava(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> isJava(home, feature)).map(home -> home.resolve("bin/java"))
                    .filter(Files::isExecutable).findFirst();
        }
    }

    private static boolean isJava(Path home, int feature) {
        try {
            return Files.readString(home.resolve("release")).contains("JAVA_VERSION=\"" + feature + ".");
        } catch (IOException e) {
            return false;
        }
    }
}
