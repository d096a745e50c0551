package dev.geminibot.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hottest methods of a JFR recording ({@code jdk.ExecutionSample}, what {@code jfr print --events
 * jdk.ExecutionSample} lists), aggregated four ways: by the top frame (self time), by the package of the top frame,
 * by the first frame outside the JDK (the library or bot code the JDK time is spent for), and by every method on
 * the stack (total time, counted once per sample). Run alone as
 * {@code java -cp ... dev.geminibot.bench.HotMethods recording.jfr [N]}.
 */
final class HotMethods {
    public static void main(String[] args) throws IOException {
        print(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 10, System.out);
    }

    static void print(Path recording, int top, PrintStream out) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> callers = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            packages.merge(packageOf(frames.getFirst()), 1, Integer::sum);
            callers.merge(frames.stream().filter(frame -> !platform(frame)).findFirst().map(HotMethods::name)
                    .orElse("(JDK only)"), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        out.printf(Locale.ROOT, "%d execution samples in %s%n", samples, recording);
        table(out, "Top frame (self)", self, samples, top);
        table(out, "Package of the top frame", packages, samples, top);
        table(out, "First frame outside the JDK (who the time is spent for)", callers, samples, top);
        table(out, "On the stack (total)", total, samples, top);
    }

    private static void table(PrintStream out, String title, Map<String, Integer> counts, int samples, int top) {
        out.println();
        out.println("| " + title + " | Samples | Share |");
        out.println("|---|---|---|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "| `%s` | %d | %.1f %% |%n", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / Math.max(1, samples)));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static boolean platform(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.");
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private HotMethods() {
    }
}
