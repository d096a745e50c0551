package dev.geminibot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The least a Gemini Telegram bot can do, as a yardstick for {@link SeparateBedBenchmark}: long polling, one
 * virtual thread per message, Gemini's REST {@code generateContent} (not streamed) and {@code sendMessage} through
 * the JDK's HttpClient. No storage, no memory of the conversation, no order within a chat, no formatting, no
 * typing; two retries on a network error and at most 256 requests in flight (the bot's default concurrency).
 * What the real bot costs beyond this is what its features cost. Reads the bot's environment variables (TELEGRAM_BOT_TOKEN, GEMINI_API_KEY, TELEGRAM_API_URL, GEMINI_BASE_URL, GEMINI_MODEL).
 */
public final class ReferenceBot {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String telegram = System.getenv("TELEGRAM_API_URL") + "/bot" + System.getenv("TELEGRAM_BOT_TOKEN");
    private final String gemini = System.getenv("GEMINI_BASE_URL") + "/models/"
            + System.getenv().getOrDefault("GEMINI_MODEL", "gemini-2.5-flash") + ":generateContent";
    private final String key = System.getenv("GEMINI_API_KEY");
    /** As many requests in flight as the bot's default GEMINI_MAX_CONCURRENCY: thousands of sockets at once fail. */
    private final Semaphore inFlight = new Semaphore(256);

    public static void main(String[] args) throws Exception {
        new ReferenceBot().poll();
    }

    private void poll() throws Exception {
        System.out.println("Started as reference bot");
        long offset = 0;
        try (ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                JsonNode updates;
                try {
                    updates = post(telegram + "/getUpdates", JSON.createObjectNode().put("offset", offset)
                            .put("timeout", 30).put("limit", 100), Duration.ofSeconds(40), null).path("result");
                } catch (java.io.IOException e) {
                    Thread.sleep(500); // the fake is gone or restarting: try again
                    continue;
                }
                for (JsonNode update : updates) {
                    offset = Math.max(offset, update.path("update_id").asLong() + 1);
                    JsonNode message = update.path("message");
                    if (message.hasNonNull("text")) {
                        handlers.submit(() -> answer(message.path("chat").path("id").asLong(), message.path("text").asText()));
                    }
                }
            }
        }
    }

    private Void answer(long chatId, String text) throws Exception {
        inFlight.acquire();
        try {
            ask(chatId, text);
        } catch (Exception e) {
            System.err.println("chat " + chatId + ": " + e);
        } finally {
            inFlight.release();
        }
        return null;
    }

    private void ask(long chatId, String text) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", text);
        JsonNode reply = post(gemini, request, Duration.ofSeconds(60), key);
        String answer = reply.path("candidates").path(0).path("content").path("parts").path(0).path("text").asText("…");
        post(telegram + "/sendMessage", JSON.createObjectNode().put("chat_id", chatId).put("text", answer),
                Duration.ofSeconds(30), null);
    }

    private static JsonNode post(String url, ObjectNode body, Duration timeout, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (apiKey != null) {
            request.header("x-goog-api-key", apiKey);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            } catch (java.io.IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
