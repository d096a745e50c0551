package dev.geminibot.requests;

import dev.geminibot.conversation.Exchange;

import java.time.Duration;
import java.util.List;

/** Everything the bot says on its own behalf (not Gemini's words), in one place. */
public final class BotTexts {
    private final BotIdentity bot;
    private final int memoryExchanges;

    public BotTexts(BotIdentity bot, int memoryExchanges) {
        this.bot = bot;
        this.memoryExchanges = memoryExchanges;
    }

    String start(List<String> commandLines) {
        return "Hi! I answer with Google Gemini. Just write to me here.\n\n" + help(commandLines);
    }

    /** @param commandLines one line per command worth listing, e.g. {@code /reset - forget ...} */
    String help(List<String> commandLines) {
        String memory = memoryExchanges == 0
                ? "I don't remember earlier messages: every question stands alone."
                : "I remember our last " + memoryExchanges + " question(s) and answer(s) in each chat, "
                        + "separately for every person.";
        return memory + "\n\n"
                + "In groups, mention me (" + bot.mention() + " your question), reply to one of my messages, "
                + "or use /ask your question.\n\n"
                + String.join("\n", commandLines);
    }

    String emptyQuestion() {
        return "What would you like to ask? Write it after /ask or after " + bot.mention() + ".";
    }

    String unknownCommand(String command) {
        return "I don't know /" + command + ". Try /help.";
    }

    String textOnly() {
        return "I can only read text messages for now. Please write your question.";
    }

    String resetDone() {
        return "Done: I've forgotten our conversation here. The next message starts afresh.";
    }

    /**
     * What the bot remembers, as one message: per exchange a bold "You:" with the question and a bold "Gemini:"
     * with the first lines of the answer as the reader sees it (rendered, no Markdown), each cut to its share of
     * the message so that the whole history fits in one.
     */
    String history(List<Exchange> exchanges, ReplyFormat format) {
        if (exchanges.isEmpty()) {
            return format.text("I don't remember anything from you here yet.");
        }
        String title = "What I remember from you here (oldest first):";
        // Room for the labels, blank lines and ellipses of each exchange, with a margin.
        int room = format.messageLimit() - title.length() - 100;
        int share = Math.max(60, room / exchanges.size() - 30);
        int questionShare = Math.min(300, share / 3);
        StringBuilder text = new StringBuilder(format.text(title));
        for (Exchange exchange : exchanges) {
            String question = opening(exchange.question(), questionShare);
            String answer = firstLines(format.readable(exchange.answer()), ANSWER_LINES,
                    share - question.length());
            text.append("\n\n").append(format.bold("You:")).append(' ').append(format.text(question))
                    .append('\n').append(format.bold("Gemini:")).append(' ').append(format.text(answer));
        }
        return text.toString();
    }

    private static final int ANSWER_LINES = 6;

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
        return "There is no question of yours here to answer again yet.";
    }

    String notAllowed() {
        return "Sorry, this bot is private and you are not on its list of users.";
    }

    String tooLong(int length, int limit) {
        return "Your message is too long for me (" + length + " characters). Please keep it under " + limit + ".";
    }

    /** @param skipped the question left unanswered; @param retryAfter when a question is answered again */
    String slowDown(String skipped, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return "You're sending questions faster than I can answer, so I skipped \u201c" + opening(skipped, 40)
                + "\u201d. Please send it again in " + seconds + (seconds == 1 ? " second." : " seconds.")
                + " Commands such as /reset and /history always work.";
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
        String what = reached.tokens()
                ? "today's allowance of " + reached.allowance() + " Gemini tokens"
                : "today's " + reached.allowance() + (reached.allowance() == 1 ? " question" : " questions");
        return "You've used " + what + ". It resets at midnight UTC, " + inAbout(reached.untilReset())
                + ". Commands such as /history and /help still work.";
    }

    /** "in 3 h 12 min", "in 12 min", "in less than a minute". */
    static String inAbout(Duration wait) {
        long minutes = wait.toMinutes();
        if (minutes < 1) {
            return "in less than a minute";
        }
        return minutes < 60 ? "in " + minutes + " min" : "in " + minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** {@code /stats}: usage today and in all, errors since the start by kind, the admins' decisions. */
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
        return "Sorry, this bot is not enabled for this group.";
    }

    /** {@code /forget} is done: what was deleted. */
    String forgotten(int conversations, int waitingMessages) {
        return "Done: I've deleted everything I kept about you: " + conversations
                + (conversations == 1 ? " conversation" : " conversations") + " in all chats"
                + (waitingMessages == 0 ? "" : ", " + waitingMessages
                        + (waitingMessages == 1 ? " message" : " messages") + " not yet answered")
                + " and your usage counts. The next message starts afresh.";
    }

    String cutShort() {
        return "[The answer was cut short because it reached Gemini's length limit.]";
    }

    String cutOff() {
        return "[The answer was cut off: the connection to Gemini ended before it finished. Ask again for all of it.]";
    }
}
