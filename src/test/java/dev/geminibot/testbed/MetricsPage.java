package dev.geminibot.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bot's Prometheus page (/metrics), as a scraper reads it. */
public final class MetricsPage {
    private MetricsPage() {
    }

    /** The page served on {@code port}. */
    public static String fetch(int port) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    public static double value(String page, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("No sample " + series + " in:\n" + page);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
