package dev.geminibot.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The bot's real {@code Main} in a child JVM, with only the environment given, its output captured. */
public final class BotProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private BotProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(this::capture);
    }

    public static BotProcess start(Map<String, String> environment) throws IOException {
        return start(environment, List.of());
    }

    /** Starts the bot with extra JVM options, e.g. heap settings. */
    public static BotProcess start(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        String javaBinary = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(javaBinary, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.geminibot.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(environment);
        return new BotProcess(builder.start());
    }

    /** Starts the bot and waits until it polls Telegram. */
    public static BotProcess started(Map<String, String> environment) throws IOException {
        BotProcess bot = start(environment);
        bot.awaitOutput("Started as");
        return bot;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        return output.toString();
    }

    public void awaitOutput(String text) {
        await().atMost(Duration.ofSeconds(30))
                .failFast("the bot exited:\n" + output, () -> !process.isAlive() && !output.toString().contains(text))
                .until(() -> output.toString().contains(text));
    }

    /** Sends SIGKILL: no shutdown hook, no cleanup, as in a crash or an OOM kill. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        int status = process.waitFor();
        reader.join();
        return status;
    }

    /** Sends SIGTERM, as {@code docker stop} does, and waits for the exit status. */
    public int terminate() throws InterruptedException {
        // ProcessHandle.destroy() sends SIGTERM without closing our end of the pipes (Process.destroy() does,
        // which would lose everything the bot logs while stopping).
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the bot did not stop within 30 s of SIGTERM:\n" + output);
        }
        reader.join();
        return process.exitValue();
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the bot did not exit:\n" + output);
        }
        reader.join();
        return process.exitValue();
    }

    private void capture() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
