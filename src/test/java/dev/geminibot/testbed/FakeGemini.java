package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Gemini REST API ({@code POST /v1beta/models/{model}:generateContent}, and {@code GET
 * /v1beta/models/{model}} for the start-up check, strict about the key and {@link #KNOWN_MODELS}). Checks the API key
 * header like Google does (400 API_KEY_INVALID), records every request, and answers through a replaceable
 * {@link Responder}; by default {@code "Answer to: <last user text>"}.
 */
public final class FakeGemini extends JsonHttp {
    public static final String KEY = "AIzaSyFAKE-test-key-do-not-log-4242";
    private static final Pattern PATH = Pattern.compile("^/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)$");
    private static final Pattern MODEL_PATH = Pattern.compile("^/v1beta/models/([^/:]+)$");
    /** The models {@code models.get} knows, as Google's list has them; others are 404 NOT_FOUND. */
    public static final List<String> KNOWN_MODELS = List.of("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite");

    /** A file part of a turn as Gemini received it: its MIME type and the bytes its base64 stands for. */
    public record Media(String mimeType, byte[] bytes) {
    }

    /** One turn of a recorded request: its text parts joined, and its file parts in order. */
    public record Turn(String role, String text, List<Media> media) {
        public Turn {
            media = List.copyOf(media);
        }

        public Turn(String role, String text) {
            this(role, text, List.of());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Turn turn && role.equals(turn.role) && text.equals(turn.text)
                    && media.size() == turn.media.size() && java.util.stream.IntStream.range(0, media.size()).allMatch(i ->
                    media.get(i).mimeType().equals(turn.media.get(i).mimeType())
                            && java.util.Arrays.equals(media.get(i).bytes(), turn.media.get(i).bytes()));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(role, text, media.size());
        }
    }

    /** A recorded request: the model asked for, the system instruction and the conversation turns. */
    public record Request(String model, String systemInstruction, List<Turn> turns) {
        /** The texts of the user turns, in order. */
        public List<String> userTexts() {
            return turns.stream().filter(t -> t.role().equals("user")).map(Turn::text).toList();
        }

        /** The file parts of the last user turn. */
        public List<Media> lastUserMedia() {
            List<Turn> user = turns.stream().filter(t -> t.role().equals("user")).toList();
            return user.get(user.size() - 1).media();
        }

        /** Every file part of the request, oldest turn first. */
        public List<Media> allMedia() {
            return turns.stream().flatMap(t -> t.media().stream()).toList();
        }

        public String lastUserText() {
            List<String> texts = userTexts();
            return texts.get(texts.size() - 1);
        }
    }

    /** How a 200 response goes out: whole, or headers and then (almost) nothing, until the client hangs up. */
    public enum Delivery {
        /** The whole response at once (a stream: its pieces, {@link #pauseBetweenPieces} apart). */
        WHOLE,
        /** The headers, then silence. */
        STALL_AFTER_HEADERS,
        /** The headers, then a byte that completes nothing every 100 ms: body whitespace, or SSE keep-alive comments. */
        DRIP_AFTER_HEADERS
    }

    /**
     * What the fake answers: an HTTP status and a JSON body, or a {@code rawBody} sent as it is (a body that is
     * not JSON), delivered as {@code delivery} says.
     */
    public record Reply(int status, JsonNode body, String rawBody, Delivery delivery) {
        public Reply(int status, JsonNode body) {
            this(status, body, null, Delivery.WHOLE);
        }

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

        /** A text answer whose candidate has no {@code finishReason}: a stream of it just ends, as a cut one does. */
        public static Reply unfinished(String text) {
            Reply reply = finished(text, "STOP");
            ((ObjectNode) reply.body().get("candidates").get(0)).remove("finishReason");
            return reply;
        }

        /** 200 with this body, byte for byte ({@code "{}"}, a candidate without content, HTML from a proxy, ...). */
        public static Reply raw(String body) {
            return new Reply(200, null, body, Delivery.WHOLE);
        }

        /** 200 and its headers, then nothing: the body never comes. Held until the test ends. */
        public static Reply stallAfterHeaders() {
            return new Reply(200, text("never sent").body(), null, Delivery.STALL_AFTER_HEADERS);
        }

        /**
         * 200 and its headers, then one byte every 100 ms that never completes the response (whitespace, or
         * {@code ": keep-alive"} comment lines when streaming), until the client hangs up or the test ends.
         */
        public static Reply dripAfterHeaders() {
            return new Reply(200, text("never sent").body(), null, Delivery.DRIP_AFTER_HEADERS);
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
    private final List<Long> requestBytes = new CopyOnWriteArrayList<>();
    private volatile Responder responder = request -> Reply.text("Answer to: " + request.lastUserText());
    private volatile Duration streamPause = Duration.ZERO;
    private volatile int streamPieces = 3;
    private final AtomicInteger streamed = new AtomicInteger();
    private final AtomicInteger dripping = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger modelLookups = new AtomicInteger();
    private volatile Reply modelLookupFault;

    public String baseUrlWithVersion() {
        return baseUrl() + "/v1beta";
    }

    /** Between the pieces of a streamed answer, the fake waits this long (the model writing). */
    public void pauseBetweenPieces(Duration pause) {
        this.streamPause = pause;
    }

    /** A streamed answer's text comes in this many pieces (3 unless told), {@link #pauseBetweenPieces} apart. */
    public void streamInPieces(int pieces) {
        this.streamPieces = pieces;
    }

    /** How many requests came to the streaming endpoint. */
    public int streamedRequests() {
        return streamed.get();
    }

    /** Streamed answers the client hung up on before their last piece (seen when writing the next one fails). */
    public int streamsClosedByClient() {
        return closedByClient.get();
    }

    /** Responses still being dripped: each ends at the first byte after the client hangs up. */
    public int drippingResponses() {
        return dripping.get();
    }

    /** How many {@code models.get} calls came (the bot's start-up check). */
    public int modelLookups() {
        return modelLookups.get();
    }

    /** {@code models.get} answers {@code fault} (a 503, a dropped connection...) instead of looking the model up. */
    public void failModelLookups(Reply fault) {
        this.modelLookupFault = fault;
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

    /** The size (characters of JSON) of every request's body, in order of arrival. */
    public List<Long> requestSizes() {
        return List.copyOf(requestBytes);
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
        Matcher modelPath = MODEL_PATH.matcher(exchange.getRequestURI().getPath());
        if (exchange.getRequestMethod().equals("GET") && modelPath.matches()) {
            getModel(exchange, modelPath.group(1));
            return;
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
            respond(exchange, 404, Reply.error(404, "NOT_FOUND", "Not found").body());
            return;
        }
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            respond(exchange, 400, invalidKey().body());
            return;
        }
        arrivals.add(System.nanoTime());
        ObjectNode json = body(exchange);
        requestBytes.add((long) json.toString().length());
        Request request;
        try {
            request = parse(path.group(1), json);
        } catch (IllegalArgumentException e) { // as Gemini answers a malformed part
            respond(exchange, 400, Reply.error(400, "INVALID_ARGUMENT", e.getMessage()).body());
            return;
        }
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
        boolean streaming = path.group(2).equals("streamGenerateContent");
        if (streaming) {
            streamed.incrementAndGet();
        }
        if (reply.delivery() != Delivery.WHOLE) {
            hold(exchange, reply.delivery(), streaming);
        } else if (reply.rawBody() != null) {
            respondRaw(exchange, streaming ? "data: " + reply.rawBody() + "\r\n\r\n" : reply.rawBody(), streaming);
        } else if (streaming && reply.status() == 200) {
            stream(exchange, reply.body());
        } else {
            respond(exchange, reply.status(), reply.body());
        }
    }

    /** {@code models.get}: the key first (as Google checks it), then the model against {@link #KNOWN_MODELS}. */
    private void getModel(HttpExchange exchange, String model) throws IOException {
        modelLookups.incrementAndGet();
        Reply fault = modelLookupFault;
        if (fault != null) {
            if (fault.status() < 0) {
                exchange.getResponseBody().close();
            } else {
                respond(exchange, fault.status(), fault.body());
            }
            return;
        }
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            respond(exchange, 400, invalidKey().body());
            return;
        }
        if (!KNOWN_MODELS.contains(model)) {
            respond(exchange, 404, Reply.error(404, "NOT_FOUND", "models/" + model + " is not found for API version"
                    + " v1beta, or is not supported for generateContent.").body());
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("name", "models/" + model).put("version", "fake")
                .put("displayName", model).put("inputTokenLimit", 1048576).put("outputTokenLimit", 65536);
        body.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
        respond(exchange, 200, body);
    }

    /** 400 INVALID_ARGUMENT with reason API_KEY_INVALID, as Google answers a wrong key. */
    private static Reply invalidKey() {
        Reply reply = Reply.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        ((ObjectNode) reply.body().get("error")).putArray("details").addObject()
                .put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
                .put("domain", "googleapis.com");
        return reply;
    }

    private static void respondRaw(HttpExchange exchange, String body, boolean streaming) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", streaming ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Headers, then silence or drips, never the end: held until the client hangs up or the test ends (≤ 60 s). */
    private void hold(HttpExchange exchange, Delivery delivery, boolean streaming) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", streaming ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, 0);
        var out = exchange.getResponseBody();
        out.flush();
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            if (delivery == Delivery.STALL_AFTER_HEADERS) {
                released.await(60, TimeUnit.SECONDS);
                return;
            }
            dripping.incrementAndGet();
            try {
                byte[] drip = (streaming ? ": keep-alive\r\n\r\n" : " ").getBytes(StandardCharsets.UTF_8);
                while (System.nanoTime() < giveUp && !released.await(100, TimeUnit.MILLISECONDS)) {
                    out.write(drip);
                    out.flush(); // fails once the client has hung up
                }
            } finally {
                dripping.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Server-sent events as Gemini sends them with alt=sse: the answer's text in {@link #streamInPieces} pieces, the finish last. */
    private void stream(HttpExchange exchange, JsonNode whole) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        List<ObjectNode> events = new ArrayList<>();
        JsonNode candidate = whole.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            events.add((ObjectNode) whole); // a blocked prompt: promptFeedback only
        } else {
            String text = candidate.path("content").path("parts").path(0).path("text").asText("");
            int count = streamPieces;
            int size = Math.max(1, text.length() / count);
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int from = Math.min(i * size, text.length());
                pieces.add(i == count - 1 ? text.substring(from) : text.substring(from, Math.min(from + size, text.length())));
            }
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode event = JSON.createObjectNode();
                ObjectNode piece = event.putArray("candidates").addObject();
                ObjectNode content = piece.putObject("content");
                content.putArray("parts").addObject().put("text", pieces.get(i));
                content.put("role", "model");
                if (i == pieces.size() - 1) {
                    if (candidate.has("finishReason")) {
                        piece.set("finishReason", candidate.get("finishReason"));
                    }
                    event.set("usageMetadata", whole.path("usageMetadata"));
                }
                events.add(event);
            }
        }
        try (var out = exchange.getResponseBody()) {
            writeEvents(out, events);
        } catch (IOException e) {
            closedByClient.incrementAndGet(); // the client closed the connection mid-stream
        }
    }

    private void writeEvents(java.io.OutputStream out, List<ObjectNode> events) throws IOException {
        for (ObjectNode event : events) {
            out.write(("data: " + JSON.writeValueAsString(event) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
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

    /** Releases the responses held open, so no thread of the fake outlives the test. */
    @Override
    public void close() {
        released.countDown();
        super.close();
    }

    private static Request parse(String model, ObjectNode body) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            turns.add(new Turn(content.path("role").asText(), text(content), media(content)));
        }
        String system = body.has("systemInstruction") ? text(body.get("systemInstruction")) : null;
        return new Request(model, system, List.copyOf(turns));
    }

    /** Strict like Gemini: a file part needs a MIME type and valid base64 data. */
    private static List<Media> media(JsonNode content) {
        List<Media> media = new ArrayList<>();
        for (JsonNode part : content.path("parts")) {
            JsonNode blob = part.has("inlineData") ? part.get("inlineData") : part.get("inline_data");
            if (part.has("fileData") || part.has("file_data")) {
                throw new IllegalArgumentException("File URIs are not served by this fake");
            }
            if (blob == null) {
                continue;
            }
            String mimeType = blob.path("mimeType").asText(blob.path("mime_type").asText(""));
            if (mimeType.isBlank() || !mimeType.contains("/")) {
                throw new IllegalArgumentException("Invalid value at 'inline_data.mime_type'");
            }
            try {
                media.add(new Media(mimeType, java.util.Base64.getDecoder().decode(blob.path("data").asText(""))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value at 'inline_data.data' (TYPE_BYTES), Base64 decoding failed");
            }
        }
        return media;
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
