package dev.geminibot.bench;

import dev.geminibot.testbed.FakeGemini.Reply;
import dev.geminibot.testbed.TestBot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the picture of docs/grafana-dashboard.json: runs the whole bot against the fakes with three minutes of
 * mixed traffic (a ramp, a burst, a Gemini outage, users over their daily limit), scrapes its {@code /metrics}
 * every second as Prometheus would, and draws the dashboard's main panels from those scrapes with
 * {@link DashboardPicture}. Run: {@code mvn -B -q -DskipTests -Pdashboard verify} (writes
 * docs/grafana-dashboard.png).
 */
public final class DashboardRun {
    private static final Duration LENGTH = Duration.ofSeconds(180);
    private static final int USERS = 60;

    private DashboardRun() {
    }

    public static void main(String[] args) throws Exception {
        Path picture = Path.of(args.length > 0 ? args[0] : "docs/grafana-dashboard.png");
        Path dataDir = Files.createTempDirectory("dashboard-run");
        List<DashboardPicture.Scrape> scrapes = new ArrayList<>();
        Random random = new Random(8);
        AtomicBoolean outage = new AtomicBoolean();
        try (TestBot bot = new TestBot(dataDir)) {
            bot.with("BOT_HTTP_PORT", "0").with("TELEGRAM_RATE_LIMIT", "false").with("BOT_RATE_LIMIT_MESSAGES", "0")
                    .with("BOT_DAILY_MESSAGES", "12").with("GEMINI_RETRY_BACKOFF", "200ms")
                    .with("GEMINI_MAX_CONCURRENCY", "16");
            bot.gemini.respondWith(request -> {
                double draw;
                long latency;
                synchronized (random) {
                    draw = random.nextDouble();
                    latency = (long) (400 + Math.exp(random.nextGaussian() * 0.6) * 900); // a long right tail
                }
                Thread.sleep(latency); // the model thinking
                if (outage.get() || draw < 0.03) {
                    return Reply.error(503, "UNAVAILABLE", "The model is overloaded.");
                }
                return draw < 0.05 ? Reply.rateLimited("1s") : Reply.text("An answer to: " + request.lastUserText());
            });
            bot.start();
            URI metrics = URI.create("http://127.0.0.1:" + bot.httpPort().orElseThrow() + "/metrics");
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            long next = start;
            int second = 0;
            while (System.nanoTime() - start < LENGTH.toNanos()) {
                outage.set(second >= 110 && second < 125);
                for (int i = 0; i < messagesIn(second); i++) {
                    int user;
                    synchronized (random) {
                        user = 5000 + random.nextInt(second < 60 ? USERS / 2 : USERS);
                    }
                    bot.telegram.privateText(user, i % 9 == 8 ? "/history" : "question " + second + "." + i);
                }
                String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                scrapes.add(DashboardPicture.Scrape.parse((System.nanoTime() - start) / 1e9, body));
                next += Duration.ofSeconds(1).toNanos();
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000)); // a scrape interval, not a sync
                second++;
            }
        }
        new DashboardPicture(scrapes).write(picture);
        System.out.println("Wrote " + picture + " from " + scrapes.size() + " scrapes");
    }

    /** Messages sent in second {@code second} of the run: a ramp, a steady load, a burst, a quieter end. */
    private static int messagesIn(int second) {
        if (second < 40) {
            return 1 + second / 8;
        }
        if (second >= 70 && second < 80) {
            return 14; // a burst
        }
        return second < 150 ? 6 : 3;
    }
}
