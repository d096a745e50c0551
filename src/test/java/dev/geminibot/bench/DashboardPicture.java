package dev.geminibot.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the main panels of docs/grafana-dashboard.json from a series of {@code /metrics} scrapes, with the same
 * queries done by hand: rates over a window for counters, {@code histogram_quantile} over bucket increases, gauges
 * as they are. Plain Java 2D, so the picture needs nothing beyond the JDK.
 */
final class DashboardPicture {
    private static final Duration WINDOW = new Duration(10);
    private static final int PANEL_W = 640;
    private static final int PANEL_H = 250;
    private static final int HEADER = 48;
    private static final Color BACKGROUND = new Color(0x111217);
    private static final Color PANEL = new Color(0x181b1f);
    private static final Color GRID = new Color(0x2c3235);
    private static final Color TEXT = new Color(0xccccdc);
    private static final Color[] PALETTE = {new Color(0x73bf69), new Color(0xf2cc0c), new Color(0x5794f2),
            new Color(0xff9830), new Color(0xf2495c), new Color(0xb877d9), new Color(0x8ab8ff)};
    /** Outcomes keep their meaning's colour, as in Grafana's overrides. */
    private static final Map<String, Color> FIXED = Map.of("ok", new Color(0x73bf69), "error", new Color(0xf2495c),
            "InternalServerException", new Color(0xf2495c), "RateLimitException", new Color(0xff9830));
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Seconds of history a rate looks back over. */
    private record Duration(double seconds) {
    }

    /** One scrape: when (seconds into the run) and every sample, by its series ({@code name{labels}}). */
    record Scrape(double at, Map<String, Double> samples) {
        static Scrape parse(double at, String text) {
            Map<String, Double> samples = new HashMap<>();
            for (String line : text.split("\n")) {
                int space = line.lastIndexOf(' ');
                if (line.isBlank() || line.startsWith("#") || space < 0) {
                    continue;
                }
                try {
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException e) {
                    // a timestamp or exemplar we do not need
                }
            }
            return new Scrape(at, samples);
        }
    }

    private record Panel(String title, String unit, Map<String, double[]> series) {
    }

    private final List<Scrape> scrapes;

    DashboardPicture(List<Scrape> scrapes) {
        this.scrapes = List.copyOf(scrapes);
    }

    void write(Path file) throws IOException {
        List<Panel> panels = List.of(
                new Panel("Messages by kind", "/s", rates("bot_updates_total", "kind", 1)),
                new Panel("Answer latency", "s", latency()),
                new Panel("Gemini calls by outcome", "/s", rates("bot_gemini_calls_seconds_count", "outcome", 1)),
                new Panel("Gemini errors by kind", "/s", rates("bot_gemini_errors_total", "kind", 1)),
                new Panel("Gemini tokens", "/s", rates("bot_gemini_tokens_total", "direction", 1)),
                new Panel("Queues", "", gauges(Map.of("lanes active", "bot_lanes_active",
                        "waiting for Gemini", "bot_gemini_waiting", "inbox pending", "bot_inbox_pending"))),
                new Panel("Daily-limit refusals", "/min", rates("bot_daily_limit_refusals_total", "limit", 60)),
                new Panel("Answers sent", "/s", Map.of("answers", rates("bot_answers_sent_total", null, 1)
                        .get("bot_answers_sent_total"))));
        int columns = 2;
        int rows = (panels.size() + 1) / 2;
        BufferedImage image = new BufferedImage(columns * (PANEL_W + 12) + 12, HEADER + rows * (PANEL_H + 12) + 12,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("gemini-telegram-bot: " + scrapes.size() + " scrapes of /metrics, 3 min against the fakes,"
                + " Gemini down at 110–125 s", 12, 30);
        for (int i = 0; i < panels.size(); i++) {
            draw(g, panels.get(i), 12 + (i % columns) * (PANEL_W + 12), HEADER + (i / columns) * (PANEL_H + 12));
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** {@code sum by (label) (rate(name[window])) * scale}; {@code label} null: one series. */
    private Map<String, double[]> rates(String name, String label, double scale) {
        Map<String, double[]> series = new TreeMap<>();
        for (String key : seriesNamed(name)) {
            String legend = label == null ? name : labels(key).getOrDefault(label, "");
            double[] values = series.computeIfAbsent(legend, l -> new double[scrapes.size()]);
            for (int i = 0; i < scrapes.size(); i++) {
                values[i] += increase(key, i) * scale;
            }
        }
        return series;
    }

    /** p50 and p95 of the answer latency: {@code histogram_quantile} over the buckets' increase in the window. */
    private Map<String, double[]> latency() {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (double q : new double[]{0.5, 0.95}) {
            double[] values = new double[scrapes.size()];
            for (int i = 0; i < scrapes.size(); i++) {
                TreeMap<Double, Double> buckets = new TreeMap<>();
                for (String key : seriesNamed("bot_answer_latency_seconds_bucket")) {
                    String le = labels(key).get("le");
                    buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                            increase(key, i) * WINDOW.seconds(), Double::sum);
                }
                values[i] = quantile(q, buckets);
            }
            series.put("p" + Math.round(q * 100), values);
        }
        return series;
    }

    private Map<String, double[]> gauges(Map<String, String> names) {
        Map<String, double[]> series = new TreeMap<>();
        names.forEach((legend, name) -> {
            double[] values = new double[scrapes.size()];
            for (int i = 0; i < scrapes.size(); i++) {
                values[i] = scrapes.get(i).samples().getOrDefault(name, Double.NaN);
            }
            series.put(legend, values);
        });
        return series;
    }

    /** Per-second increase of a counter over the window ending at scrape {@code i}. */
    private double increase(String key, int i) {
        Scrape now = scrapes.get(i);
        int j = i;
        while (j > 0 && now.at() - scrapes.get(j - 1).at() <= WINDOW.seconds()) {
            j--;
        }
        Scrape then = scrapes.get(j);
        double span = now.at() - then.at();
        if (span <= 0) {
            return 0;
        }
        return (now.samples().getOrDefault(key, 0.0) - then.samples().getOrDefault(key, 0.0)) / span;
    }

    /** Prometheus' histogram_quantile: linear interpolation within the bucket holding the rank. */
    private static double quantile(double q, TreeMap<Double, Double> cumulative) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private List<String> seriesNamed(String name) {
        TreeSet<String> keys = new TreeSet<>();
        scrapes.forEach(scrape -> scrape.samples().keySet().stream()
                .filter(key -> key.equals(name) || key.startsWith(name + "{")).forEach(keys::add));
        return new ArrayList<>(keys);
    }

    private static Map<String, String> labels(String key) {
        Map<String, String> labels = new HashMap<>();
        Matcher matcher = LABEL.matcher(key);
        while (matcher.find()) {
            labels.put(matcher.group(1), matcher.group(2));
        }
        return labels;
    }

    private void draw(Graphics2D g, Panel panel, int x, int y) {
        g.setColor(PANEL);
        g.fillRoundRect(x, y, PANEL_W, PANEL_H, 6, 6);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title() + (panel.unit().isEmpty() ? "" : " (" + panel.unit() + ")"), x + 10, y + 20);
        int left = x + 52;
        int top = y + 32;
        int width = PANEL_W - 64;
        int height = PANEL_H - 78;
        double max = 0;
        for (double[] values : panel.series().values()) {
            for (double value : values) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        max = niceCeiling(max);
        double end = scrapes.isEmpty() ? 1 : scrapes.getLast().at();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick = 0; tick <= 4; tick++) {
            int ty = top + height - tick * height / 4;
            g.setColor(GRID);
            g.drawLine(left, ty, left + width, ty);
            g.setColor(TEXT);
            g.drawString(format(max * tick / 4), x + 6, ty + 4);
        }
        for (int s = 0; s <= end; s += 30) {
            int tx = left + (int) (width * s / end);
            g.setColor(GRID);
            g.drawLine(tx, top, tx, top + height);
            g.setColor(TEXT);
            g.drawString(s + " s", tx - 8, top + height + 14);
        }
        int colour = 0;
        int legendX = left;
        for (Map.Entry<String, double[]> entry : panel.series().entrySet()) {
            Color c = FIXED.getOrDefault(entry.getKey(), PALETTE[colour++ % PALETTE.length]);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            double[] values = entry.getValue();
            int previousX = -1;
            int previousY = -1;
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    previousX = -1;
                    continue;
                }
                int px = left + (int) (width * scrapes.get(i).at() / end);
                int py = top + height - (int) (height * values[i] / max);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, px, py);
                }
                previousX = px;
                previousY = py;
            }
            g.setStroke(new BasicStroke(1f));
            g.fillRect(legendX, y + PANEL_H - 22, 14, 4);
            g.setColor(TEXT);
            g.drawString(entry.getKey(), legendX + 18, y + PANEL_H - 16);
            legendX += 28 + g.getFontMetrics().stringWidth(entry.getKey());
        }
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
