package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Telegram Bot API: {@code getMe}, {@code deleteWebhook}, {@code setMyCommands},
 * {@code getUpdates} with real offset and long-poll semantics, {@code sendMessage}, {@code sendMessageDraft},
 * {@code sendRichMessage}, {@code sendRichMessageDraft} ({@link FakeRichMessages}), {@code editMessageText} and
 * {@code sendChatAction}. Strict where Telegram is: 401 for a wrong token, 400 for empty, over-long or badly
 * formatted texts ({@link TelegramHtmlValidator}), 404 for unknown methods. Tests play users by queueing updates
 * ({@link Updates} builds them) and read what the bot sent.
 *
 * <p>This class routes and validates the calls; each other job has its own class: the updates waiting for the
 * bot and getUpdates' offset semantics ({@link FakeUpdateQueue}), what the bot did ({@link FakeBotActivity}),
 * faults a test injects ({@link FakeFaults}) and Telegram's flood limits ({@link FakeFloodControl}).
 */
public final class FakeTelegram extends JsonHttp {
    public static final String TOKEN = "7000000001:AAFakeTokenSecretPart_x9y8z7w6";
    public static final long BOT_ID = 7000000001L;
    public static final String BOT_USERNAME = "gemini_test_bot";
    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    private static final Pattern FILE_PATH = Pattern.compile("^/file/bot([^/]+)/(.+)$");

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

    /**
     * A rich message the bot sent: its Markdown as sent, how many blocks Telegram makes of it, and the column
     * count of each table in it.
     */
    public record RichSent(int messageId, long chatId, Integer threadId, Integer replyTo, String markdown, int blocks,
                           List<Integer> tableColumns) {
    }

    /** A rich draft the bot sent: its Markdown, whether it shows the Stop button, when it arrived. */
    public record RichDraft(long chatId, int draftId, String markdown, boolean canStop, long nanos) {
    }

    /**
     * An edit of one of the bot's messages: its new {@code text} as the user reads it (the Markdown for a rich
     * message), {@code html} as sent with parse_mode HTML (null otherwise), {@code rich} for a rich_message.
     */
    public record Edit(long chatId, int messageId, String text, String html, boolean rich) {
    }

    /** A chat action the bot sent. */
    public record Action(long chatId, Integer threadId, String action) {
    }

    private final Object messageIds = new Object(); // message ids are given out in the order messages are made
    private int nextMessageId = 1; // guarded by messageIds
    private final FakeUpdateQueue updates = new FakeUpdateQueue();
    private final FakeBotActivity activity = new FakeBotActivity();
    private final FakeFaults faults = new FakeFaults();
    private final FakeFloodControl flood = new FakeFloodControl();
    private final FakeFiles files = new FakeFiles();
    private final FakeRichMessages rich = new FakeRichMessages();
    private final List<Edit> edits = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        ObjectNode message = message(privateChat(userId), user(userId), text);
        return updates.add(id -> Updates.update(id, message)).get("update_id").asLong();
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
        updates.atOnce(() -> texts.forEach((userId, text) -> enqueue(message(privateChat(userId), user(userId), text))));
    }

    /** Queues several private texts so that they arrive in the same getUpdates batch. */
    public void privateTextsInOneBatch(long userId, String... texts) {
        updates.atOnce(() -> {
            for (String text : texts) {
                enqueue(message(privateChat(userId), user(userId), text));
            }
        });
    }

    /** A message from {@code from} in {@code chat}, with the next message id; see {@link Updates}. */
    public ObjectNode message(ObjectNode chat, ObjectNode from, String text) {
        return Updates.message(nextMessageId(), chat, from, text);
    }

    public static ObjectNode privateChat(long userId) {
        return Updates.privateChat(userId);
    }

    public static ObjectNode groupChat(long chatId) {
        return Updates.groupChat(chatId);
    }

    public static ObjectNode user(long userId) {
        return Updates.user(userId);
    }

    public static ObjectNode botUser() {
        return Updates.botUser();
    }

    /** The next {@code times} calls of {@code method} fail with {@code fault}. */
    public void failNext(String method, int times, Fault fault) {
        faults.failNext(method, times, fault);
    }

    /** Forgets the faults still queued for {@code method}. */
    public void clearFaults(String method) {
        faults.clear(method);
    }

    /**
     * Enforces Telegram's documented flood limits on sendMessage, sendRichMessage and sendRichMessageDraft (which
     * count like messages), answering 429 with retry_after beyond them:
     * 30 messages in any second overall, 4 in any second per chat (one a second plus a short burst),
     * 20 in any minute per group.
     */
    public void enforceFloodLimits() {
        flood.enforce();
    }

    /** Called (on the fake's thread) for every message the bot sends, after it is recorded. */
    public void onSent(java.util.function.Consumer<Sent> listener) {
        activity.onSent = listener;
    }

    /** {@link System#nanoTime()} of every accepted sendMessage, in order. */
    public List<Long> sentNanos() {
        return List.copyOf(activity.sentNanos);
    }

    /** {@link System#nanoTime()} when the first getUpdates arrived, or 0. */
    public long firstGetUpdatesNanos() {
        return activity.firstGetUpdatesNanos;
    }

    /** How many sendMessage calls were refused with 429 by {@link #enforceFloodLimits()}. */
    public int tooManyRequests() {
        return flood.tooManyRequests();
    }

    /** Queues an update of another kind than "message", e.g. ("callback_query", {...}). */
    public int sendUpdate(String kind, ObjectNode payload) {
        return updates.add(id -> Updates.update(id, kind, payload)).get("update_id").asInt();
    }

    /**
     * Queues an update exactly as given (valid JSON, possibly not what the client expects); an
     * {@code update_id} is added unless present. Returns the update's id.
     */
    public int sendRawUpdate(ObjectNode update) {
        updates.addAsIs(update);
        return update.get("update_id").asInt();
    }

    /** Queues a private text twice with the same update id, one copy right after the other (one batch). */
    public int privateTextTwiceInOneBatch(long userId, String text) {
        ObjectNode message = message(privateChat(userId), user(userId), text);
        int[] id = new int[1];
        updates.atOnce(() -> {
            ObjectNode update = updates.add(updateId -> Updates.update(updateId, message));
            updates.addAsIs(update.deepCopy());
            id[0] = update.get("update_id").asInt();
        });
        return id[0];
    }

    /** Runs {@code queueing} (calls of this fake that queue updates) so that a waiting poll sees all of them at once. */
    public void inOneBatch(Runnable queueing) {
        updates.atOnce(queueing);
    }

    /**
     * Telegram picks the next update id anew, lower than the last: it does so after a week without updates,
     * so the queue must be empty (every update confirmed).
     */
    public void restartIdsAt(int firstId) {
        updates.restartIdsAt(firstId);
    }

    public int nextMessageId() {
        synchronized (messageIds) {
            return nextMessageId++;
        }
    }

    // ---- users sending files ----------------------------------------------------------------------

    /** The files users send ({@code getFile} and downloads), with their faults. */
    public FakeFiles files() {
        return files;
    }

    /**
     * A user sends a file in a private chat: {@code media} is what {@link FakeFiles} made ({@code photo},
     * {@code voice}, {@code document}); {@code caption} may be null. Returns the message as queued.
     */
    public ObjectNode privateMedia(long userId, ObjectNode media, String caption) {
        ObjectNode message = mediaMessage(privateChat(userId), userId, media, caption);
        enqueue(message);
        return message;
    }

    /** A user sends a file in a group; {@code caption} may mention the bot. */
    public ObjectNode groupMedia(long chatId, long userId, ObjectNode media, String caption) {
        ObjectNode message = mediaMessage(groupChat(chatId), userId, media, caption);
        enqueue(message);
        return message;
    }

    /** A user replies with {@code text} to {@code original} (any message queued before, e.g. someone's photo). */
    public int replyTo(ObjectNode original, long userId, String text) {
        ObjectNode message = message((ObjectNode) original.get("chat").deepCopy(), user(userId), text);
        message.set("reply_to_message", original.deepCopy());
        enqueue(message);
        return message.get("message_id").asInt();
    }

    /**
     * A user sends an album: one message per file, all with one {@code media_group_id}, the caption on the first.
     * {@code betweenParts} runs after each part is queued (e.g. to wait until the bot has taken it, so that each
     * part comes in a getUpdates batch of its own).
     */
    public List<ObjectNode> privateAlbum(long userId, List<ObjectNode> media, String caption, Runnable betweenParts) {
        String group = "album" + nextMessageId();
        List<ObjectNode> messages = new java.util.ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            ObjectNode message = mediaMessage(privateChat(userId), userId, media.get(i), i == 0 ? caption : null);
            message.put("media_group_id", group);
            messages.add(message);
            enqueue(message);
            betweenParts.run();
        }
        return messages;
    }

    private ObjectNode mediaMessage(ObjectNode chat, long userId, ObjectNode media, String caption) {
        ObjectNode message = message(chat, user(userId), null);
        message.setAll(media.deepCopy());
        if (caption != null) {
            Updates.caption(message, caption);
        }
        return message;
    }

    /** Makes this server an older one (or a local one) that lacks the rich methods: they get 404 "Not Found". */
    public void withoutRichMessages() {
        rich.unknownMethods = true;
    }

    /** How long a draft stays on the user's screen without being renewed (Telegram: about 30 s). */
    public void draftLifetime(Duration lifetime) {
        rich.draftLifetime = lifetime;
    }

    /**
     * The user presses Stop on the draft shown in the private chat: queues a {@code stopped_message_generation}
     * update. Returns the draft's id; fails if no draft with a Stop button is shown.
     */
    public int pressStop(long chatId) {
        Integer draftId = rich.stoppable(chatId);
        if (draftId == null) {
            throw new AssertionError("No draft with a Stop button is shown in chat " + chatId);
        }
        sendUpdate("stopped_message_generation", FakeRichMessages.stopped(chatId, draftId));
        return draftId;
    }

    // ---- what the bot did ------------------------------------------------------------------------

    public List<Sent> sent() {
        return List.copyOf(activity.sent);
    }

    public List<Sent> sentTo(long chatId) {
        return activity.sent.stream().filter(s -> s.chatId() == chatId).toList();
    }

    public List<Draft> drafts() {
        return List.copyOf(activity.drafts);
    }

    /** Every accepted editMessageText, in order; {@link #sentTo} shows each message as last edited. */
    public List<Edit> edits() {
        return List.copyOf(edits);
    }

    public List<RichSent> richSent() {
        return List.copyOf(rich.sent);
    }

    public List<RichDraft> richDrafts() {
        return List.copyOf(rich.drafts);
    }

    /** Times a draft vanished from a user's screen (its lifetime passed) before the next draft or the message. */
    public int expiredDrafts() {
        return rich.expiredDrafts.get();
    }

    public List<Action> actions() {
        return List.copyOf(activity.actions);
    }

    /** The {@code setMyCommands} calls with a {@code scope}: each call's parameters (scope and commands). */
    public List<JsonNode> scopedCommandsSet() {
        return List.copyOf(activity.scopedCommands);
    }

    /** Every setMyCommands call's parameters ({@code commands}, {@code language_code} if given), in order. */
    public List<JsonNode> commandsSet() {
        return List.copyOf(activity.commands);
    }

    /** The menu last set for {@code languageCode} (null: the menu for every other language), by command name. */
    public java.util.Map<String, String> commandMenu(String languageCode) {
        java.util.Map<String, String> menu = new java.util.LinkedHashMap<>();
        activity.commands.stream()
                .filter(params -> java.util.Objects.equals(languageCode,
                        params.hasNonNull("language_code") ? params.get("language_code").asText() : null))
                .reduce((first, second) -> second)
                .ifPresent(params -> params.get("commands").forEach(command ->
                        menu.put(command.get("command").asText(), command.get("description").asText())));
        return menu;
    }

    public List<String> methodsCalled() {
        return List.copyOf(activity.methodsCalled);
    }

    /** Every getUpdates call, in order of arrival. */
    public List<Poll> polls() {
        return List.copyOf(activity.polls);
    }

    /** Descriptions of the 4xx errors the fake answered to the bot's requests (faults injected excluded). */
    public List<String> rejected() {
        return List.copyOf(activity.rejected);
    }

    /** Updates queued and not yet confirmed by a getUpdates with a higher offset. */
    public int unconfirmedUpdates() {
        return updates.unconfirmed();
    }

    // ---- the Bot API ------------------------------------------------------------------------------

    private void enqueue(ObjectNode message) {
        updates.add(id -> Updates.update(id, message));
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        Matcher filePath = FILE_PATH.matcher(exchange.getRequestURI().getPath());
        if (filePath.matches()) {
            if (!filePath.group(1).equals(TOKEN)) {
                respond(exchange, 401, error(401, "Unauthorized"));
            } else {
                activity.methodsCalled.add("download");
                files.download(exchange, filePath.group(2));
            }
            return;
        }
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
        activity.methodsCalled.add(method);
        ObjectNode params = body(exchange);
        Fault fault = faults.next(method);
        if (method.equals("getupdates")) {
            activity.polls.add(new Poll(System.nanoTime(), params.path("offset").asLong(0), fault));
        }
        if (fault != null) {
            FakeFaults.answer(exchange, fault);
            return;
        }
        switch (method) {
            case "getme" -> respond(exchange, 200, ok(botUser()));
            case "deletewebhook" -> respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            case "setmycommands" -> {
                if (params.hasNonNull("scope")) { // a menu for some chats only: kept apart from the everyone's
                    activity.scopedCommands.add(params);
                } else {
                    activity.commands.add(params);
                }
                respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            }
            case "getupdates" -> {
                activity.recordPollArrived();
                ArrayNode batch = getUpdates(params);
                if (batch == null) {
                    respond(exchange, 409, error(409, "Conflict: terminated by other getUpdates request; "
                            + "make sure that only one bot instance is running"));
                } else {
                    respond(exchange, 200, ok(batch));
                }
            }
            case "getfile" -> {
                ObjectNode answer = files.getFile(params);
                respond(exchange, answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(), answer);
            }
            case "sendmessage" -> sendMessage(exchange, params);
            case "sendmessagedraft" -> sendMessageDraft(exchange, params);
            case "sendrichmessage" -> {
                if (rich.unknownMethods) {
                    respond(exchange, 404, error(404, "Not Found"));
                } else {
                    sendRichMessage(exchange, params);
                }
            }
            case "sendrichmessagedraft" -> {
                if (rich.unknownMethods) {
                    respond(exchange, 404, error(404, "Not Found"));
                } else {
                    sendRichMessageDraft(exchange, params);
                }
            }
            case "editmessagetext" -> editMessageText(exchange, params);
            case "answercallbackquery" -> respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
            case "sendchataction" -> {
                activity.actions.add(new Action(params.path("chat_id").asLong(), intOrNull(params, "message_thread_id"),
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
        return updates.poll(offset, limit, timeout);
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
            Integer retryAfter = flood.check(chatId);
            if (retryAfter != null) {
                ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfter);
                body.putObject("parameters").put("retry_after", retryAfter);
                respond(exchange, 429, body);
                return;
            }
            Integer replyTo = params.has("reply_parameters")
                    ? intOrNull((ObjectNode) params.get("reply_parameters"), "message_id") : null;
            ObjectNode message;
            Sent record;
            synchronized (messageIds) {
                message = message(chatId < 0 ? groupChat(chatId) : privateChat(chatId), botUser(), text);
                record = new Sent(message.get("message_id").asInt(), chatId, intOrNull(params, "message_thread_id"),
                        replyTo, text, parseMode.isEmpty() ? null : raw);
                activity.recordSent(record);
            }
            rich.messageArrived(chatId);
            respond(exchange, 200, ok(message));
            activity.onSent.accept(record);
        }
    }

    /**
     * Edits a message the bot sent, strictly: 400 if there is no such message, if the new content is exactly
     * what it shows ("message is not modified"), or for a text that sendMessage would refuse. A
     * {@code rich_message} (Bot API 10.1) replaces the content with a rich one; an older server ignores it.
     * Edits count under the flood limits like messages.
     */
    private void editMessageText(HttpExchange exchange, ObjectNode params) throws IOException {
        long chatId = params.path("chat_id").asLong();
        int messageId = params.path("message_id").asInt();
        int index = -1;
        List<Sent> all = activity.sent;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).chatId() == chatId && all.get(i).messageId() == messageId) {
                index = i;
            }
        }
        if (index < 0) {
            reject(exchange, "Bad Request: message to edit not found");
            return;
        }
        Sent current = all.get(index);
        boolean richEdit = params.has("rich_message") && !rich.unknownMethods;
        String text;
        String html;
        if (richEdit) {
            String refusal = FakeRichMessages.refusal(params.get("rich_message"));
            if (refusal != null) {
                reject(exchange, refusal);
                return;
            }
            text = FakeRichMessages.content(params.get("rich_message")).markdown();
            html = null;
        } else {
            String raw = params.path("text").asText("");
            String parseMode = params.path("parse_mode").asText("");
            try {
                text = parseMode.equalsIgnoreCase("html") ? TelegramHtmlValidator.visibleText(raw) : raw;
            } catch (TelegramHtmlValidator.ParseError e) {
                reject(exchange, e.getMessage());
                return;
            }
            html = parseMode.isEmpty() ? null : raw;
            if (emptyForTelegram(text)) {
                reject(exchange, "Bad Request: message text is empty");
                return;
            }
            if (text.length() > 4096) {
                reject(exchange, "Bad Request: message is too long");
                return;
            }
        }
        if (text.equals(current.text()) && java.util.Objects.equals(html, current.html())) {
            reject(exchange, "Bad Request: message is not modified: specified new message content and reply markup"
                    + " are exactly the same as a current content and reply markup of the message");
            return;
        }
        Integer retryAfter = flood.check(chatId);
        if (retryAfter != null) {
            ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfter);
            body.putObject("parameters").put("retry_after", retryAfter);
            respond(exchange, 429, body);
            return;
        }
        Sent edited = new Sent(messageId, chatId, current.threadId(), current.replyTo(), text, html);
        all.set(index, edited);
        edits.add(new Edit(chatId, messageId, text, html, richEdit));
        ObjectNode message = message(chatId < 0 ? groupChat(chatId) : privateChat(chatId), botUser(), text);
        message.put("message_id", messageId);
        message.put("edit_date", System.currentTimeMillis() / 1000);
        respond(exchange, 200, ok(message));
    }

    /** Bot API 10.1: one message of rich blocks, here from Markdown; {@link FakeRichMessages} has the rules. */
    private void sendRichMessage(HttpExchange exchange, ObjectNode params) throws IOException {
        if (!params.hasNonNull("chat_id")) {
            reject(exchange, "Bad Request: chat_id is empty");
            return;
        }
        String refusal = FakeRichMessages.refusal(params.get("rich_message"));
        if (refusal != null) {
            reject(exchange, refusal);
            return;
        }
        long chatId = params.get("chat_id").asLong();
        Integer retryAfter = flood.check(chatId);
        if (retryAfter != null) {
            ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfter);
            body.putObject("parameters").put("retry_after", retryAfter);
            respond(exchange, 429, body);
            return;
        }
        FakeRichMessages.Content content = FakeRichMessages.content(params.get("rich_message"));
        Integer replyTo = params.has("reply_parameters")
                ? intOrNull((ObjectNode) params.get("reply_parameters"), "message_id") : null;
        ObjectNode message;
        Sent record;
        synchronized (messageIds) {
            message = message(chatId < 0 ? groupChat(chatId) : privateChat(chatId), botUser(), content.markdown());
            int messageId = message.get("message_id").asInt();
            Integer threadId = intOrNull(params, "message_thread_id");
            record = new Sent(messageId, chatId, threadId, replyTo, content.markdown(), null);
            rich.sent.add(new RichSent(messageId, chatId, threadId, replyTo, content.markdown(), content.blocks(),
                    content.tableColumns()));
            activity.recordSent(record);
        }
        rich.messageArrived(chatId);
        respond(exchange, 200, ok(message));
        activity.onSent.accept(record);
    }

    /** Bot API 10.1 (Stop button 10.3): a rich preview in a private chat, under the same limits as a message. */
    private void sendRichMessageDraft(HttpExchange exchange, ObjectNode params) throws IOException {
        long chatId = params.path("chat_id").asLong();
        int draftId = params.path("draft_id").asInt();
        String refusal = FakeRichMessages.refusal(params.get("rich_message"));
        if (chatId <= 0) {
            reject(exchange, "Bad Request: drafts can be sent only to private chats");
        } else if (draftId == 0) {
            reject(exchange, "Bad Request: draft_id must be non-zero");
        } else if (refusal != null) {
            reject(exchange, refusal);
        } else if (flood.check(chatId) instanceof Integer retryAfter) {
            ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfter);
            body.putObject("parameters").put("retry_after", retryAfter);
            respond(exchange, 429, body);
        } else {
            boolean canStop = params.path("can_stop").asBoolean(false);
            rich.draftArrived(chatId, draftId, canStop); // first: a test that sees the draft may press its Stop button
            rich.drafts.add(new RichDraft(chatId, draftId, params.get("rich_message").get("markdown").asText(), canStop,
                    System.nanoTime()));
            respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
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
            rich.draftArrived(chatId, draftId, params.path("can_stop").asBoolean(false));
            activity.drafts.add(new Draft(chatId, draftId, text));
            respond(exchange, 200, ok(com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
        }
    }

    private void reject(HttpExchange exchange, String description) throws IOException {
        activity.rejected.add(description);
        respond(exchange, 400, error(400, description));
    }

    /**
     * Telegram strips "empty characters" before checking for an empty text: whitespace, Unicode spaces,
     * no-break spaces, zero-width and direction marks, the braille blank (TDLib {@code strip_empty_characters}).
     */
    private static boolean emptyForTelegram(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c <= 0x20 || c >= 0x200B && c <= 0x200F || c == 0x202E || c == 0x2800 || c == 0xFFFC);
    }

    private static Integer intOrNull(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return body;
    }

    static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    @Override
    public void close() {
        updates.close();
        super.close();
    }
}
