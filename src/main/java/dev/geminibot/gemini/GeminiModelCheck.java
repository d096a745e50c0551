package dev.geminibot.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.config.GeminiSettings;
import dev.geminibot.config.GeminiSettings.CheckAtStart;
import dev.geminibot.support.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks at start, with one cheap call ({@code GET {base}/models/{model}}, Gemini's {@code models.get}), that the
 * API key is accepted and the model exists, so that a wrong key or model name is the operator's one-line start-up
 * error rather than the first user's "problem on my side". A Gemini that cannot be reached (network, 5xx, 429) is
 * an error or a WARN as {@link CheckAtStart} says. The key travels in the {@code x-goog-api-key} header only.
 */
public final class GeminiModelCheck {
    private static final Logger log = LoggerFactory.getLogger(GeminiModelCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A start should not hang on a dead network for the full answer timeout. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    private final GeminiSettings settings;

    public GeminiModelCheck(GeminiSettings settings) {
        this.settings = settings;
    }

    /** The check failed in a way that must stop the start; the message says what to fix, in one line. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Runs the check unless it is off.
     *
     * @throws Refused the key or model is wrong, or Gemini is unreachable and the setting requires the check
     */
    public void run() throws Refused, InterruptedException {
        if (settings.checkAtStart() == CheckAtStart.OFF) {
            return;
        }
        Duration wait = settings.timeout().compareTo(LONGEST_WAIT) < 0 ? settings.timeout() : LONGEST_WAIT;
        URI uri = URI.create(settings.baseUrl() + "/models/" + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(wait)
                .header("x-goog-api-key", settings.apiKey()).GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(wait).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            unreachable("cannot reach Gemini at " + settings.baseUrl() + " (" + Causes.describeRoot(e) + ")");
            return;
        }
        judge(response.statusCode(), response.body());
    }

    private void judge(int status, String body) throws Refused {
        if (status == 200) {
            log.debug("Gemini knows model {} and accepts the key", settings.model());
            return;
        }
        GoogleError error = GoogleError.of(status, body);
        if (status == 429 || status >= 500) {
            unreachable("Gemini answered the start-up check with " + error);
            return;
        }
        if (error.reason().filter(reason -> reason.startsWith("API_KEY")).isPresent() || status == 401) {
            throw new Refused("Gemini rejected GEMINI_API_KEY (" + error + "): set GEMINI_API_KEY to a valid key"
                    + " from Google AI Studio");
        }
        if (status == 403) {
            throw new Refused("Gemini refused GEMINI_API_KEY for model " + settings.model() + " (" + error
                    + "): check that the key's project may use the Gemini API and this model");
        }
        if (status == 404) {
            throw new Refused("Gemini has no model '" + settings.model() + "' (" + error + "): set GEMINI_MODEL to a"
                    + " model your key can use, e.g. gemini-2.5-flash");
        }
        throw new Refused("Gemini refused the start-up check for model " + settings.model() + " (" + error
                + "); GEMINI_CHECK_AT_START=off skips the check");
    }

    private void unreachable(String why) throws Refused {
        if (settings.checkAtStart() == CheckAtStart.REQUIRE) {
            throw new Refused("Cannot check GEMINI_API_KEY and GEMINI_MODEL: " + why
                    + "; GEMINI_CHECK_AT_START=warn starts anyway");
        }
        log.warn("Starting without checking GEMINI_API_KEY and GEMINI_MODEL: {}; until Gemini answers, users are"
                + " told it is unavailable", why);
    }

    /** The short form of Google's error body: code, status, reason and message; never the raw body. */
    private record GoogleError(int code, String status, Optional<String> reason, String message) {
        private static final int LONGEST_MESSAGE = 160;

        static GoogleError of(int code, String body) {
            JsonNode error;
            try {
                error = JSON.readTree(body == null ? "" : body).path("error");
            } catch (IOException e) {
                error = JSON.missingNode();
            }
            Optional<String> reason = Optional.empty();
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("reason")) {
                    reason = Optional.of(detail.get("reason").asText());
                }
            }
            String message = error.path("message").asText("").replaceAll("\\s+", " ").strip();
            if (message.length() > LONGEST_MESSAGE) {
                message = message.substring(0, LONGEST_MESSAGE) + "\u2026";
            }
            return new GoogleError(code, error.path("status").asText(""), reason, message);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(code);
            if (!status.isEmpty()) {
                text.append(' ').append(status);
            }
            reason.ifPresent(r -> text.append(' ').append(r));
            if (!message.isEmpty()) {
                text.append(": ").append(message);
            }
            return text.toString();
        }
    }
}
