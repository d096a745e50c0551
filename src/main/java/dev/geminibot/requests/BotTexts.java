package dev.geminibot.requests;

import dev.geminibot.conversation.AttachmentException;
import dev.geminibot.conversation.Exchange;

import dev.geminibot.conversation.ModelFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the bot says on its own behalf (not Gemini's words), in one place, in the language of the person
 * it answers ({@link #in}); the words themselves live in the {@link Phrasebook}.
 */
public final class BotTexts {
    private final BotIdentity bot;
    private final int memoryExchanges;
    private final Phrasebook phrasebook;
    private final String language;

    public BotTexts(BotIdentity bot, int memoryExchanges, Phrasebook phrasebook) {
        this(bot, memoryExchanges, phrasebook, Phrasebook.LANGUAGES.get(0));
    }

    private BotTexts(BotIdentity bot, int memoryExchanges, Phrasebook phrasebook, String language) {
        this.bot = bot;
        this.memoryExchanges = memoryExchanges;
        this.phrasebook = phrasebook;
        this.language = language;
    }

    /** The same texts for someone whose Telegram client says {@code languageCode} (null: not known). */
    public BotTexts in(String languageCode) {
        String wanted = Phrasebook.languageFor(languageCode);
        return wanted.equals(language) ? this : new BotTexts(bot, memoryExchanges, phrasebook, wanted);
    }

    /** The language these texts are in (a {@link Phrasebook#LANGUAGES} code). */
    public String language() {
        return language;
    }

    private String say(String key) {
        return phrasebook.say(language, key, Map.of());
    }

    private String say(String key, Map<String, ?> values) {
        return phrasebook.say(language, key, values);
    }

    String start(List<String> commandLines) {
        return say("start.greeting") + "\n\n" + help(commandLines);
    }

    /** @param commandLines one line per command worth listing, e.g. {@code /reset - forget ...} */
    String help(List<String> commandLines) {
        String memory = memoryExchanges == 0
                ? say("help.memory.none")
                : say("help.memory", Map.of("exchanges", memoryExchanges));
        return memory + "\n\n" + say("help.groups", Map.of("mention", bot.mention())) + "\n\n"
                + String.join("\n", commandLines);
    }

    /** What Telegram's command menu shows for {@code command}. */
    public String menuText(Command command) {
        return say("command." + command.name() + ".menu");
    }

    /** What {@code /help} says about {@code command}, after {@code /name - }. */
    String helpText(Command command) {
        return say("command." + command.name() + ".help");
    }

    String emptyQuestion() {
        return say("question.empty", Map.of("mention", bot.mention()));
    }

    String unknownCommand(String command) {
        return say("command.unknown", Map.of("command", command));
    }

    String textOnly() {
        return say("content.textOnly");
    }

    /** @param what the kind of file: {@code animated sticker}, or {@code file (name or type)} */
    String unsupportedFile(String what) {
        String first = what.equals("animated sticker") ? say("file.unsupportedSticker")
                : say("file.unsupported", Map.of("name", what.startsWith("file ") ? what.substring(4) : ""));
        return first + " " + say("file.understood");
    }

    /** A file of the question could not be used; nothing was remembered. */
    String unusableFile(AttachmentException.Problem problem, long maxFileBytes) {
        String limit = maxFileBytes > 0 ? say("file.limit", Map.of("size", megabytes(maxFileBytes))) : "";
        return switch (problem) {
            case TOO_BIG_TO_DOWNLOAD, TOO_BIG_FOR_MODEL -> say("file.tooBig", Map.of("limit", limit));
            case GONE -> say("file.gone");
            case UNAVAILABLE -> say("file.unavailable");
            case UNREADABLE -> say("file.unreadable");
            case REFUSED_BY_MODEL -> say("file.refused");
        };
    }

    private String megabytes(long bytes) {
        long mb = bytes / (1024 * 1024);
        return mb >= 1 ? say("size.megabytes", Map.of("count", mb))
                : say("size.kilobytes", Map.of("count", Math.max(1, bytes / 1024)));
    }

    String resetDone() {
        return say("reset.done");
    }

    /** Why the model gave no answer, saying when to try again if the model told us. */
    String failure(ModelFailure failure, Optional<Duration> retryAfter) {
        if (failure == ModelFailure.BUSY && retryAfter.isPresent()) {
            return say("failure.busyFor", Map.of("wait", wait(retryAfter.get())));
        }
        return say("failure." + failure.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A wait in whole seconds below 90 s, else in minutes; never "0". */
    private String wait(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return say(seconds == 1 ? "wait.second" : "wait.seconds", Map.of("count", seconds));
        }
        return say("wait.minutes", Map.of("count", Math.round(seconds / 60.0)));
    }

    /**
     * What the bot remembers, as one message: per exchange a bold "You:" with the question and a bold "Gemini:"
     * with the first lines of the answer as the reader sees it (rendered, no Markdown), each cut to its share of
     * the message so that the whole history fits in one.
     */
    String history(List<Exchange> exchanges, ReplyFormat format) {
        if (exchanges.isEmpty()) {
            return format.text(say("history.empty"));
        }
        String title = say("history.title");
        // Room for the labels, blank lines and ellipses of each exchange, with a margin.
        int room = format.messageLimit() - title.length() - 100;
        int share = Math.max(60, room / exchanges.size() - 30);
        int questionShare = Math.min(300, share / 3);
        StringBuilder text = new StringBuilder(format.text(title));
        for (Exchange exchange : exchanges) {
            String question = opening(labelled(exchange), questionShare);
            String answer = firstLines(format.readable(exchange.answer()), ANSWER_LINES,
                    share - question.length());
            text.append("\n\n").append(format.bold(say("history.you"))).append(' ').append(format.text(question))
                    .append('\n').append(format.bold(say("history.gemini"))).append(' ').append(format.text(answer));
        }
        return text.toString();
    }

    private static final int ANSWER_LINES = 6;

    /** The question as {@code /history} shows it: its files' labels in brackets, then the user's words. */
    private String labelled(Exchange exchange) {
        StringBuilder text = new StringBuilder();
        exchange.attachments().forEach(label -> text.append('[').append(label(label)).append("] "));
        return text.append(exchange.question()).toString().strip();
    }

    /** Kinds of file as labels start with them (stored in English), longest first, and their phrases. */
    private static final List<Map.Entry<String, String>> LABEL_KINDS = List.of(
            Map.entry("video note", "label.videoNote"), Map.entry("photo", "label.photo"),
            Map.entry("voice", "label.voice"), Map.entry("audio", "label.audio"), Map.entry("video", "label.video"),
            Map.entry("GIF", "label.gif"), Map.entry("image", "label.image"), Map.entry("document", "label.document"));

    /** A file's label ({@code voice 0:12}, {@code document notes.txt}) with its kind in this language. */
    String label(String label) {
        for (Map.Entry<String, String> kind : LABEL_KINDS) {
            if (label.equals(kind.getKey()) || label.startsWith(kind.getKey() + " ")) {
                return say(kind.getValue()) + label.substring(kind.getKey().length());
            }
        }
        return label;
    }

    /** The first {@code lines} non-blank lines of {@code text}, at most {@code limit} characters, "…" if cut. */
    static String firstLines(String text, int lines, int limit) {
        List<String> kept = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String joined = String.join("\n", kept.subList(0, Math.min(lines, kept.size())));
        boolean cut = kept.size() > lines;
        if (joined.codePointCount(0, joined.length()) > limit) {
            joined = joined.substring(0, joined.offsetByCodePoints(0, Math.max(1, limit))).stripTrailing();
            cut = true;
        }
        return cut ? joined + "\u2026" : joined;
    }

    String nothingToRetry() {
        return say("retry.nothing");
    }

    String notAllowed() {
        return say("access.denied");
    }

    String tooLong(int length, int limit) {
        return say("question.tooLong", Map.of("length", length, "limit", limit));
    }

    /** @param skipped the question left unanswered; @param retryAfter when a question is answered again */
    String slowDown(String skipped, Duration retryAfter) {
        return say("rate.slowDown", Map.of("skipped", opening(skipped, 40), "wait", wait(retryAfter)));
    }

    /** The first {@code limit} characters of {@code text} on one line, with an ellipsis if cut. */
    static String opening(String text, int limit) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= limit) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, limit)).stripTrailing() + "\u2026";
    }

    /** A daily limit is used up: which, and when it resets (UTC midnight). */
    String dailyLimitReached(DailyUsage.Reached reached) {
        String what = say(reached.tokens() ? "limit.tokens" : reached.allowance() == 1 ? "limit.question"
                : "limit.questions", Map.of("count", reached.allowance()));
        return what + " " + say("limit.resets", Map.of("when", inAbout(reached.untilReset())));
    }

    /** "in 3 h 12 min", "in 12 min", "in less than a minute". */
    String inAbout(Duration wait) {
        long minutes = wait.toMinutes();
        if (minutes < 1) {
            return say("when.soon");
        }
        return minutes < 60 ? say("when.minutes", Map.of("minutes", minutes))
                : say("when.hoursMinutes", Map.of("hours", minutes / 60, "minutes", minutes % 60));
    }

    /**
     * {@code /stats}: usage today and in all, errors since the start by kind, the admins' decisions. The admins'
     * commands answer in English: they are the operator's tools, not the users'.
     */
    String stats(UsageLedger.Totals totals, java.util.Map<String, Long> errors, java.util.Map<Long, Boolean> decisions) {
        String errorLines = errors.isEmpty() ? "none"
                : errors.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return "Users answered: " + totals.usersToday() + " today, " + totals.users() + " in all\n"
                + "Questions answered: " + totals.messagesToday() + " today, " + totals.messagesTotal() + " in all\n"
                + "Tokens: " + totals.tokensToday() + " today, " + totals.tokensTotal() + " in all\n"
                + "Errors since the start: " + errorLines + "\n"
                + "Allowed by /allow: " + idsWith(decisions, true) + "\n"
                + "Denied by /deny: " + idsWith(decisions, false);
    }

    private static String idsWith(java.util.Map<Long, Boolean> decisions, boolean allowed) {
        String ids = decisions.entrySet().stream().filter(e -> e.getValue() == allowed).map(java.util.Map.Entry::getKey)
                .sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return ids.isEmpty() ? "nobody" : ids;
    }

    String userIdExpected(String command) {
        return "Please give a numeric Telegram user id: /" + command + " 123456789";
    }

    String allowed(long userId) {
        return "User " + userId + " may use the bot now.";
    }

    String denied(long userId) {
        return "User " + userId + " may no longer use the bot.";
    }

    String adminCannotBeDenied(long userId) {
        return "User " + userId + " is an admin (BOT_ADMIN_USERS) and cannot be denied.";
    }

    String groupNotAllowed() {
        return say("group.notAllowed");
    }

    /** {@code /forget} is done: what was deleted. */
    String forgotten(int conversations, int waitingMessages) {
        String waiting = waitingMessages == 0 ? "" : say("forget.waiting", Map.of("messages",
                say(waitingMessages == 1 ? "count.message" : "count.messages", Map.of("count", waitingMessages))));
        return say("forget.done", Map.of("conversations", say(conversations == 1 ? "count.conversation"
                : "count.conversations", Map.of("count", conversations)), "waiting", waiting));
    }

    String cutShort() {
        return say("answer.cutShort");
    }

    String cutOff() {
        return say("answer.cutOff");
    }

    String stopped() {
        return say("answer.stopped");
    }
}
