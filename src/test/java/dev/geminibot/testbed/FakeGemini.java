package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Gemini REST API ({@code POST /v1beta/models/{model}:generateContent}). Checks the API key
 * header like Google does (400 API_KEY_INVALID), records every request, and answers through a replaceable
 * {@link Responder}; by default {@code "Answer to: <last user text>"}.
 */
public final class FakeGemini extends JsonHttp {
    public static final String KEY = "AIzaSyFAKE-test-key-do-not-log-4242";
    private static final Pattern PATH = Pattern.compile("^/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)$");

    /** One turn of a recorded request. */
    public record Turn(String role, String text) {
    }

    /** A recorded request: the model asked for, the system instruction and the conversation turns. */
    public record Request(String model, String systemInstruction, List<Turn> turns) {
        /** The texts of the user turns, in order. */
        public List<String> userTexts() {
            return turns.stream().filter(t -> t.role().equals("user")).map(Turn::text).toList();
        }

        public String lastUserText() {
            List<String> texts = userTexts();
            return texts.get(texts.size() - 1);
        }
    }

    /** What the fake answers: an HTTP status and a JSON body. */
    public record Reply(int status, JsonNode body) {
        public static Reply text(String text) {
            return finished(text, "STOP");
        }

        public static Reply finished(String text, String finishReason) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode candidate = body.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.putArray("parts").addObject().put("text", text);
            content.put("role", "model");
            candidate.put("finishReason", finishReason);
            body.putObject("usageMetadata").put("promptTokenCount", 10).put("candidatesTokenCount", 5)
                    .put("totalTokenCount", 15);
            body.put("modelVersion", "fake");
            return new Reply(200, body);
        }

        /** 429 RESOURCE_EXHAUSTED with a RetryInfo detail, as Gemini sends when a quota is exceeded. */
        public static Reply rateLimited(String retryDelay) {
            Reply reply = error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.");
            ((ObjectNode) reply.body().get("error")).putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", retryDelay);
            return reply;
        }

        /** The prompt itself was blocked: no candidates, only promptFeedback. */
        public static Reply blockedPrompt(String blockReason) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("promptFeedback").put("blockReason", blockReason);
            body.putObject("usageMetadata").put("promptTokenCount", 10).put("totalTokenCount", 10);
            return new Reply(200, body);
        }

        /** The connection ends without a response. */
        public static Reply dropConnection() {
            return new Reply(-1, null);
        }

        public static Reply error(int code, String status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("code", code).put("message", message).put("status", status);
            return new Reply(code, body);
        }
    }

    /** Decides the reply to a request; may block to simulate latency. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request) throws Exception;
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private volatile Responder responder = request -> Reply.text("Answer to: " + request.lastUserText());
    private volatile java.time.Duration streamPause = java.time.Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicInteger streamed = new java.util.concurrent.atomic.AtomicInteger();

    public String baseUrlWithVersion() {
        return baseUrl() + "/v1beta";
    }

    /** Between the pieces of a streamed answer, the fake waits this long (the model writing). */
    public void pauseBetweenPieces(java.time.Duration pause) {
        this.streamPause = pause;
    }

    /** How many requests came to the streaming endpoint. */
    public int streamedRequests() {
        return streamed.get();
    }

    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    public void answerWith(Function<Request, String> answer) {
        this.responder = request -> Reply.text(answer.apply(request));
    }

    /** {@link System#nanoTime()} of every request's arrival, in order. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The last request whose final user text is {@code text}. */
    public Request requestFor(String text) {
        List<Request> matching = requests.stream().filter(r -> r.lastUserText().equals(text)).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("Gemini was never asked: " + text);
        }
        return matching.get(matching.size() - 1);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
            respond(exchange, 404, Reply.error(404, "NOT_FOUND", "Not found").body());
            return;
        }
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            respond(exchange, 400, Reply.error(400, "INVALID_ARGUMENT",
                    "API key not valid. Please pass a valid API key.").body());
            return;
        }
        arrivals.add(System.nanoTime());
        Request request = parse(path.group(1), body(exchange));
        requests.add(request);
        Reply reply;
        try {
            reply = responder.reply(request);
        } catch (Exception e) {
            reply = Reply.error(500, "INTERNAL", "fake responder failed: " + e);
        }
        if (reply.status() < 0) {
            exchange.getResponseBody().close();
            return;
        }
        if (path.group(2).equals("streamGenerateContent") && reply.status() == 200) {
            streamed.incrementAndGet();
            stream(exchange, reply.body());
            return;
        }
        if (path.group(2).equals("streamGenerateContent")) {
            streamed.incrementAndGet();
        }
        respond(exchange, reply.status(), reply.body());
    }

    /** Server-sent events as Gemini sends them with alt=sse: the answer's text in three pieces, the finish last. */
    private void stream(HttpExchange exchange, JsonNode whole) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        List<ObjectNode> events = new ArrayList<>();
        JsonNode candidate = whole.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            events.add((ObjectNode) whole); // a blocked prompt: promptFeedback only
        } else {
            String text = candidate.path("content").path("parts").path(0).path("text").asText("");
            int third = Math.max(1, text.length() / 3);
            List<String> pieces = text.isEmpty() ? List.of("")
                    : List.of(text.substring(0, Math.min(third, text.length())),
                    text.substring(Math.min(third, text.length()), Math.min(2 * third, text.length())),
                    text.substring(Math.min(2 * third, text.length())));
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode event = JSON.createObjectNode();
                ObjectNode piece = event.putArray("candidates").addObject();
                ObjectNode content = piece.putObject("content");
                content.putArray("parts").addObject().put("text", pieces.get(i));
                content.put("role", "model");
                if (i == pieces.size() - 1) {
                    piece.set("finishReason", candidate.path("finishReason"));
                    event.set("usageMetadata", whole.path("usageMetadata"));
                }
                events.add(event);
            }
        }
        try (var out = exchange.getResponseBody()) {
            for (ObjectNode event : events) {
                out.write(("data: " + JSON.writeValueAsString(event) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                if (!streamPause.isZero()) {
                    try {
                        Thread.sleep(streamPause.toMillis()); // the model writing the next piece
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static Request parse(String model, ObjectNode body) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            turns.add(new Turn(content.path("role").asText(), text(content)));
        }
        String system = body.has("systemInstruction") ? text(body.get("systemInstruction")) : null;
        return new Request(model, system, List.copyOf(turns));
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
