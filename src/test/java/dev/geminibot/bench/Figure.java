package dev.geminibot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One reported figure: its runs, summarised as median, min and max. */
final class Figure {
    private final String name;
    private final String unit;
    private final String target;
    private final List<Double> runs = new ArrayList<>();
    private Double atMost; // a target to judge the median by, or null

    /** Judges the median against {@code limit}: the row says "met" or "not met" after the target. */
    Figure atMost(double limit) {
        this.atMost = limit;
        return this;
    }

    double last() {
        return runs.getLast();
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    Figure(String name, String unit, String target) {
        this.name = name;
        this.unit = unit;
        this.target = target;
    }

    void add(double value) {
        runs.add(value);
    }

    double median() {
        List<Double> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String row() {
        List<Double> sorted = runs.stream().sorted().toList();
        return String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %d | %s |", name, format(median()), unit,
                format(sorted.getFirst()), format(sorted.getLast()), runs.size(),
                atMost == null ? target : target + (median() <= atMost ? " — met" : " — **not met**"));
    }

    private static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
