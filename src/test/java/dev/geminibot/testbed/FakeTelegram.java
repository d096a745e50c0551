package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Telegram Bot API: {@code getMe}, {@code deleteWebhook}, {@code setMyCommands},
 * {@code getUpdates} with real offset and long-poll semantics, {@code sendMessage} and {@code sendChatAction}.
 * Strict where Telegram is: 401 for a wrong token, 400 for empty or over-long texts, 404 for unknown methods.
 * Tests play users by queueing updates and read what the bot sent.
 *
 * <p>getUpdates follows the real server: update ids start high and grow by one; an {@code offset} confirms
 * (forgets) every queued update below it; an offset beyond the next id the queue will give out, as the bot's
 * is after Telegram restarted its ids lower ({@link #restartIdsAt}), confirms nothing and is answered from the
 * queue head (the real server does so beyond a small margin: inferred from telegram-bot-api's source, not run);
 * a newer getUpdates ends a waiting older one with 409 Conflict.
 */
public final class FakeTelegram extends JsonHttp {
    public static final String TOKEN = "7000000001:AAFakeTokenSecretPart_x9y8z7w6";
    public static final long BOT_ID = 7000000001L;
    public static final String BOT_USERNAME = "gemini_test_bot";
    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_]{3,}");

    /**
     * A message the bot sent: {@code text} is what the user reads (HTML parsed), {@code html} what was sent
     * with {@code parse_mode=HTML} (null for plain text). {@code threadId} and {@code replyTo} are null when not given.
     */
    public record Sent(int messageId, long chatId, Integer threadId, Integer replyTo, String text, String html) {
    }

    /**
     * An error the fake returns instead of serving a call; {@code status} -1 drops the connection. With a
     * {@code rawBody} the answer is that body as is, with {@code contentType}, instead of a Bot API error.
     */
    public record Fault(int status, String description, Integer retryAfter, String contentType, String rawBody) {
        public Fault(int status, String description, Integer retryAfter) {
            this(status, description, retryAfter, null, null);
        }

        public static Fault dropConnection() {
            return new Fault(-1, null, null);
        }

        /** A body that is not the Bot API's JSON, as a proxy in front of Telegram may send (empty: no body). */
        public static Fault rawBody(int status, String contentType, String body) {
            return new Fault(status, null, null, contentType, body);
        }

        /** The error page nginx answers with when Telegram behind it cannot be reached. */
        public static Fault nginxBadGateway() {
            return rawBody(502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n");
        }

        /** An HTML error page instead of the Bot API's JSON, e.g. a reverse proxy's 502. */
        public static Fault htmlPage(int status, String html) {
            return rawBody(status, "text/html", html);
        }
    }

    /** A getUpdates call as it arrived: when ({@link System#nanoTime()}), its offset, the fault it got (or null). */
    public record Poll(long nanos, long offset, Fault fault) {
    }

    /** Where the fake's update ids start: high, like Telegram's, so that a restart can go lower. */
    public static final int FIRST_UPDATE_ID = 500_000_000;

    /** A draft preview the bot sent: {@code text} as the user reads it. */
    public record Draft(long chatId, int draftId, String text) {
    }

    /** A chat action the bot sent. */
    public record Action(long chatId, Integer threadId, String action) {
    }

    private final Object lock = new Object();
    private final List<ObjectNode> pending = new ArrayList<>();
    private int nextUpdateId = FIRST_UPDATE_ID;
    private long pollGeneration; // guarded by lock: the newest getUpdates; older ones waiting end with 409
    private int nextMessageId = 1;
    private boolean closed;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private final List<Draft> drafts = new CopyOnWriteArrayList<>();
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    private final List<String> methodsCalled = new CopyOnWriteArrayList<>();
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.util.Queue<Fault>> faults = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private volatile boolean floodLimits;
    private volatile java.util.function.Consumer<Sent> onSent = sent -> { };
    private volatile long firstGetUpdatesNanos;
    private final List<Long> sentNanos = new CopyOnWriteArrayList<>();
    private final java.util.ArrayDeque<Long> recentSends = new java.util.ArrayDeque<>(); // guarded by lock
    private final java.util.Map<Long, java.util.ArrayDeque<Long>> recentSendsByChat = new java.util.HashMap<>(); // guarded by lock
    private final java.util.concurrent.atomic.AtomicInteger tooManyRequests = new java.util.concurrent.atomic.AtomicInteger();

    public String apiUrl() {
        return baseUrl();
    }

    // ---- playing users -------------------------------------------------------------------------

    /** A user writes {@code text} to the bot in a private chat; returns the new message's id. */
    public int privateText(long userId, String text) {
        ObjectNode message = message(privateChat(userId), user(userId), text);
        enqueue(message);
        return message.get("message_id").asInt();
    }

    /** Like {@link #privateText}, but returns the update's id (the order in which the bot is offered it). */
    public long privateTextUpdate(long userId, String text) {
        synchronized (lock) {
            ObjectNode update = update(message(privateChat(userId), user(userId), text));
            pending.add(update);
            lock.notifyAll();
            return update.get("update_id").asLong();
        }
    }

    /** A user writes {@code text} in a group (a supergroup); returns the new message's id. */
    public int groupText(long chatId, long userId, String text) {
        return groupMessage(chatId, userId, text, null, null);
    }

    /** A user replies in a group to the message {@code repliedTo} (which the bot sent). */
    public int groupReply(long chatId, long userId, String text, Sent repliedTo) {
        return groupMessage(chatId, userId, text, repliedTo, null);
    }

    /** A user writes in a forum topic of a group. */
    public int topicText(long chatId, int threadId, long userId, String text) {
        return groupMessage(chatId, userId, text, null, threadId);
    }

    private int groupMessage(long chatId, long userId, String text, Sent repliedTo, Integer threadId) {
        ObjectNode message = message(groupChat(chatId), user(userId), text);
        if (repliedTo != null) {
            ObjectNode original = message(groupChat(chatId), botUser(), repliedTo.text());
            original.put("message_id", repliedTo.messageId());
            message.set("reply_to_message", original);
        }
        if (threadId != null) {
            message.put("message_thread_id", threadId);
            message.put("is_topic_message", true);
        }
        enqueue(message);
        return message.get("message_id").asInt();
    }

    /** Queues a message built by the test (e.g. a sticker); returns its id. */
    public int send(ObjectNode message) {
        enqueue(message);
        return message.get("message_id").asInt();
    }

    /** Queues private texts from many users at the same moment: {@code texts} maps user id to text. */
    public void privateTextsAtOnce(java.util.Map<Long, String> texts) {
        synchronized (lock) {
            texts.forEach((userId, text) -> pending.add(update(message(privateChat(userId), user(userId), text))));
            lock.notifyAll();
        }
    }

    /** Queues several private texts so that they arrive in the same getUpdates batch. */
    public void privateTextsInOneBatch(long userId, String... texts) {
        synchronized (lock) {
            for (String text : texts) {
                pending.add(update(message(privateChat(userId), user(userId), text)));
            }
            lock.notifyAll();
        }
    }

    public ObjectNode message(ObjectNode chat, ObjectNode from, String text) {
        ObjectNode message = JSON.createObjectNode();
        synchronized (lock) {
            message.put("message_id", nextMessageId++);
        }
        message.put("date", Instant.now().getEpochSecond());
        message.set("chat", chat);
        message.set("from", from);
        if (text != null) {
            message.put("text", text);
            ArrayNode entities = entities(text);
            if (!entities.isEmpty()) {
                message.set("entities", entities);
            }
        }
        return message;
    }

    public static ObjectNode privateChat(long userId) {
        return JSON.createObjectNode().put("id", userId).put("type", "private").put("first_name", "User" + userId);
    }

    public static ObjectNode groupChat(long chatId) {
        return JSON.createObjectNode().put("id", chatId).put("type", "supergroup").put("title", "Group " + chatId);
    }

    public static ObjectNode user(long userId) {
        return JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
    }

    public static ObjectNode botUser() {
        return JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Gemini")
                .put("username", BOT_USERNAME);
    }

    /** The next {@code times} calls of {@code method} fail with {@code fault}. */
    public void failNext(String method, int times, Fault fault) {
        java.util.Queue<Fault> queue = faults.computeIfAbsent(method.toLowerCase(java.util.Locale.ROOT),
                m -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /** Forgets the faults still queued for {@code method}. */
    public void clearFaults(String method) {
        faults.remove(method.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Enforces Telegram's documented flood limits on sendMessage, answering 429 with retry_after beyond them:
     * 30 messages in any second overall, 4 in any second per chat (one a second plus a short burst),
     * 20 in any minute per group.
     */
    public void enforceFloodLimits() {
        floodLimits = true;
    }

    /** Called (on the fake's thread) for every message the bot sends, after it is recorded. */
    public void onSent(java.util.function.Consumer<Sent> listener) {
        this.onSent = listener;
    }

    /** {@link System#nanoTime()} of every accepted sendMessage, in order. */
    public List<Long> sentNanos() {
        return List.copyOf(sentNanos);
    }

    /** {@link System#nanoTime()} when the first getUpdates arrived, or 0. */
    public long firstGetUpdatesNanos() {
        return firstGetUpdatesNanos;
    }

    /** How many sendMessage calls were refused with 429 by {@link #enforceFloodLimits()}. */
    public int tooManyRequests() {
        return tooManyRequests.get();
    }

    /** Queues an update of another kind than "message", e.g. ("callback_query", {...}). */
    public int sendUpdate(String kind, ObjectNode payload) {
        synchronized (lock) {
            ObjectNode update = JSON.createObjectNode();
            int id = nextUpdateId++;
            update.put("update_id", id);
            update.set(kind, payload);
            pending.add(update);
            lock.notifyAll();
            return id;
        }
    }

    /**
     * Queues an update exactly as given (valid JSON, possibly not what the client expects); an
     * {@code update_id} is added unless present. Returns the update's id.
     */
    public int sendRawUpdate(ObjectNode update) {
        synchronized (lock) {
            if (!update.has("update_id")) {
                update.put("update_id", nextUpdateId++);
            }
            pending.add(update);
            lock.notifyAll();
            return update.get("update_id").asInt();
        }
    }

    /** Queues a private text twice with the same update id, one copy right after the other (one batch). */
    public int privateTextTwiceInOneBatch(long userId, String text) {
        synchronized (lock) {
            ObjectNode update = update(message(privateChat(userId), user(userId), text));
            pending.add(update);
            pending.add(update.deepCopy());
            lock.notifyAll();
            return update.get("update_id").asInt();
        }
    }

    /** Runs {@code queueing} (calls of this fake that queue updates) so that a waiting poll sees all of them at once. */
    public void inOneBatch(Runnable queueing) {
        synchronized (lock) {
            queueing.run();
            lock.notifyAll();
        }
    }

    /**
     * Telegram picks the next update id anew, lower than the last: it does so after a week without updates,
     * so the queue must be empty (every update confirmed).
     */
    public void restartIdsAt(int firstId) {
        synchronized (lock) {
            if (firstId >= nextUpdateId) {
                throw new IllegalArgumentException("ids restart lower: " + firstId + " is not below " + nextUpdateId);
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("Telegram restarts ids only after a quiet week; "
                        + pending.size() + " update(s) are still queued");
            }
            nextUpdateId = firstId;
        }
    }

    public int nextMessageId() {
        synchronized (lock) {
            return nextMessageId++;
        }
    }

    // ---- what the bot did ------------------------------------------------------------------------

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentTo(long chatId) {
        return sent.stream().filter(s -> s.chatId() == chatId).toList();
    }

    public List<Draft> drafts() {
        return List.copyOf(drafts);
    }

    public List<Action> actions() {
        return List.copyOf(actions);
    }

    public List<JsonNode> commandsSet() {
        return List.copyOf(commands);
    }

    public List<String> methodsCalled() {
        return List.copyOf(methodsCalled);
    }

    /** Every getUpdates call, in order of arrival. */
    public List<Poll> polls() {
        return List.copyOf(polls);
    }

    /** Descriptions of the 4xx errors the fake answered to the bot's requests (faults injected excluded). */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Updates queued and not yet confirmed by a getUpdates with a higher offset. */
    public int unconfirmedUpdates() {
        synchronized (lock) {
            return pending.size();
        }
    }

    // ---- the Bot API ------------------------------------------------------------------------------

    private void enqueue(ObjectNode message) {
        synchronized (lock) {
            pending.add(update(message));
            lock.notifyAll();
        }
    }

    private ObjectNode update(ObjectNode message) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", nextUpdateId++);
        update.set("message", message);
        return update;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            respond(exchange, 404, error(404, "Not Found"));
            return;
        }
        if (!path.group(1).equals(TOKEN)) {
            respond(exchange, 401, error(401, "Unauthorized"));
            return;
        }
        String method = path.group(2).toLowerCase(java.util.Locale.ROOT); // Telegram ignores the case of method names
        methodsCalled.add(method);
        ObjectNode params = body(exchange);
        Fault fault = faults.getOrDefault(method, new java.util.LinkedList<>()).poll();
        if (method.equals("getupdates")) {
            polls.add(new Poll(System.nanoTime(), params.path("offset").asLong(0), fault));
        }
        if (fault != null) {
            injure(exchange, fault);
            return;
        }
        switch (method) {
            case "getme" -> respond(exchange, 200, ok(botUser()));
            case "deletewebhook" -> respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            case "setmycommands" -> {
                commands.add(params.get("commands"));
                respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            }
            case "getupdates" -> {
                if (firstGetUpdatesNanos == 0) {
                    firstGetUpdatesNanos = System.nanoTime();
                }
                ArrayNode updates = getUpdates(params);
                if (updates == null) {
                    respond(exchange, 409, error(409, "Conflict: terminated by other getUpdates request; "
                            + "make sure that only one bot instance is running"));
                } else {
                    respond(exchange, 200, ok(updates));
                }
            }
            case "sendmessage" -> sendMessage(exchange, params);
            case "sendmessagedraft" -> sendMessageDraft(exchange, params);
            case "answercallbackquery" -> respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            case "sendchataction" -> {
                actions.add(new Action(params.path("chat_id").asLong(), intOrNull(params, "message_thread_id"),
                        params.path("action").asText()));
                respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            }
            default -> respond(exchange, 404, error(404, "Not Found: method not found"));
        }
    }

    /** The updates to return, or null when a newer getUpdates ended this one. */
    private ArrayNode getUpdates(ObjectNode params) {
        long offset = params.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, params.path("limit").asInt(100)));
        Duration timeout = Duration.ofSeconds(Math.max(0, params.path("timeout").asInt(0)));
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long poll = ++pollGeneration;
            lock.notifyAll(); // an older poll still waiting ends now
            while (true) {
                if (poll != pollGeneration) {
                    return null;
                }
                if (offset <= nextUpdateId) { // within the ids given out: confirms those below it
                    pending.removeIf(update -> update.get("update_id").asLong() < offset);
                } // else ahead of the queue: answered from its head, nothing confirmed
                long left = deadline - System.nanoTime();
                if (!pending.isEmpty() || closed || left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ArrayNode result = JSON.createArrayNode();
            pending.stream().limit(limit).forEach(result::add);
            return result;
        }
    }

    private void sendMessage(HttpExchange exchange, ObjectNode params) throws IOException {
        String raw = params.path("text").asText("");
        String parseMode = params.path("parse_mode").asText("");
        String text;
        try {
            text = switch (parseMode.toLowerCase(java.util.Locale.ROOT)) {
                case "" -> raw;
                case "html" -> TelegramHtmlValidator.visibleText(raw);
                default -> throw new TelegramHtmlValidator.ParseError("unsupported parse_mode " + parseMode);
            };
        } catch (TelegramHtmlValidator.ParseError e) {
            reject(exchange, e.getMessage());
            return;
        }
        if (!params.hasNonNull("chat_id")) {
            reject(exchange, "Bad Request: chat_id is empty");
        } else if (emptyForTelegram(text)) {
            reject(exchange, "Bad Request: message text is empty");
        } else if (text.length() > 4096) {
            reject(exchange, "Bad Request: message is too long");
        } else {
            long chatId = params.get("chat_id").asLong();
            Integer retryAfter = floodLimits ? floodCheck(chatId) : null;
            if (retryAfter != null) {
                tooManyRequests.incrementAndGet();
                ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfter);
                body.putObject("parameters").put("retry_after", retryAfter);
                respond(exchange, 429, body);
                return;
            }
            Integer replyTo = params.has("reply_parameters")
                    ? intOrNull((ObjectNode) params.get("reply_parameters"), "message_id") : null;
            ObjectNode message;
            Sent record;
            synchronized (lock) {
                message = message(chatId < 0 ? groupChat(chatId) : privateChat(chatId), botUser(), text);
                record = new Sent(message.get("message_id").asInt(), chatId, intOrNull(params, "message_thread_id"),
                        replyTo, text, parseMode.isEmpty() ? null : raw);
                sent.add(record);
                sentNanos.add(System.nanoTime());
            }
            respond(exchange, 200, ok(message));
            onSent.accept(record);
        }
    }

    /** Records a send if within the limits and returns null, or returns the seconds to wait. */
    private Integer floodCheck(long chatId) {
        long now = System.nanoTime();
        synchronized (lock) {
            java.util.ArrayDeque<Long> chat = recentSendsByChat.computeIfAbsent(chatId, id -> new java.util.ArrayDeque<>());
            prune(recentSends, now, 1_000_000_000L);
            prune(chat, now, chatId < 0 ? 60_000_000_000L : 1_000_000_000L);
            boolean overGlobal = recentSends.size() >= 30;
            boolean overChat = chat.size() >= (chatId < 0 ? 20 : 4);
            if (chatId < 0) { // groups also have the per-second chat limit
                long lastSecond = chat.stream().filter(t -> now - t < 1_000_000_000L).count();
                overChat |= lastSecond >= 4;
            }
            if (overGlobal || overChat) {
                return 1;
            }
            recentSends.addLast(now);
            chat.addLast(now);
            return null;
        }
    }

    private static void prune(java.util.ArrayDeque<Long> times, long now, long window) {
        while (!times.isEmpty() && now - times.peekFirst() >= window) {
            times.pollFirst();
        }
    }

    /** Bot API 9.x: an ephemeral preview in a private chat; 0-4096 characters, an empty text shows "Thinking...". */
    private void sendMessageDraft(HttpExchange exchange, ObjectNode params) throws IOException {
        long chatId = params.path("chat_id").asLong();
        int draftId = params.path("draft_id").asInt();
        String raw = params.path("text").asText("");
        String text;
        try {
            text = params.path("parse_mode").asText("").equalsIgnoreCase("html") ? TelegramHtmlValidator.visibleText(raw) : raw;
        } catch (TelegramHtmlValidator.ParseError e) {
            reject(exchange, e.getMessage());
            return;
        }
        if (chatId <= 0) {
            reject(exchange, "Bad Request: drafts can be sent only to private chats");
        } else if (draftId == 0) {
            reject(exchange, "Bad Request: draft_id must be non-zero");
        } else if (text.length() > 4096) {
            reject(exchange, "Bad Request: message is too long");
        } else {
            drafts.add(new Draft(chatId, draftId, text));
            respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
        }
    }

    private void reject(HttpExchange exchange, String description) throws IOException {
        rejected.add(description);
        respond(exchange, 400, error(400, description));
    }

    private static void injure(HttpExchange exchange, Fault fault) throws IOException {
        if (fault.status() < 0) {
            exchange.getResponseBody().close(); // no status line: the client sees the connection end
            return;
        }
        if (fault.rawBody() != null) {
            respondRaw(exchange, fault.status(), fault.contentType(), fault.rawBody());
            return;
        }
        ObjectNode body = error(fault.status(), fault.description());
        if (fault.retryAfter() != null) {
            body.putObject("parameters").put("retry_after", fault.retryAfter());
        }
        respond(exchange, fault.status(), body);
    }

    private static void respondRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length); // -1: no body at all
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Telegram strips "empty characters" before checking for an empty text: whitespace, Unicode spaces,
     * no-break spaces, zero-width and direction marks, the braille blank (TDLib {@code strip_empty_characters}).
     */
    private static boolean emptyForTelegram(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c <= 0x20 || c >= 0x200B && c <= 0x200F || c == 0x202E || c == 0x2800 || c == 0xFFFC);
    }

    private static ArrayNode entities(String text) {
        ArrayNode entities = JSON.createArrayNode();
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            entities.add(JSON.createObjectNode().put("type", "bot_command").put("offset", 0)
                    .put("length", end < 0 ? text.length() : end));
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            if (mention.start() == 0 || text.charAt(mention.start() - 1) != '/' && !Character.isLetterOrDigit(text.charAt(mention.start() - 1))) {
                entities.add(JSON.createObjectNode().put("type", "mention").put("offset", mention.start())
                        .put("length", mention.end() - mention.start()));
            }
        }
        return entities;
    }

    private static Integer intOrNull(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return body;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        super.close();
    }
}
