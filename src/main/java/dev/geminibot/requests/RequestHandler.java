package dev.geminibot.requests;

import dev.geminibot.conversation.Answer;
import dev.geminibot.delivery.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Carries out one {@link Incoming} request: checks access (users, groups, admins), the daily limits and the
 * length, runs the command (admins' commands for admins only) or has the question answered
 * ({@link AnswerQuestion}), and delivers the reply ({@link ReplyDelivery}). Runs on the conversation's lane, so
 * requests of one conversation never overlap.
 */
public final class RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    private final AnswerQuestion answering;
    private final ReplyDelivery replies;
    private final BotTexts textsInEnglish; // .in(language) for each sender
    private final Commands commands;
    private final Command.Tools tools;
    private final AccessPolicy access;
    private final int maxQuestionLength;
    private final UnavailableChats unavailableChats = new UnavailableChats();

    private final Metrics metrics;
    private final Albums albums;
    private final DailyUsage usage;
    private final Administration administration;
    private final ForgetUser forgetting;

    /**
     * @param usage the daily limits, checked before a question is answered
     * @param decisions the admins' run-time {@code /allow} and {@code /deny} decisions
     * @param forgetting carries out {@code /forget}; null only where the command is never run (tests)
     * @param albums gathers the parts of albums, noted as they arrive
     */
    public RequestHandler(AnswerQuestion answering, ReplyDelivery replies, Command.Tools tools, RequestPolicy policy,
                          Metrics metrics, DailyUsage usage, AccessList decisions, ForgetUser forgetting,
                          Albums albums) {
        this.albums = albums;
        this.forgetting = forgetting;
        this.usage = usage;
        this.metrics = metrics;
        this.answering = answering;
        this.replies = replies;
        this.tools = tools;
        this.textsInEnglish = tools.texts();
        this.commands = tools.commands();
        this.access = new AccessPolicy(policy.allowedUsers(), policy.adminUsers(), policy.allowedChats(), decisions);
        this.administration = new Administration(access, usage, metrics, textsInEnglish, tools.format());
        this.maxQuestionLength = policy.maxQuestionLength();
    }

    /** Answers a request just taken in; nothing is sent before {@code recorded} is durable. */
    public void handle(Incoming incoming, Inbox.Receipt recorded) {
        finish(incoming, Optional.empty(), 0, recorded);
    }

    /**
     * Finishes a request recorded by an earlier run: works out the reply unless {@code recordedReply} holds it,
     * and sends the parts from {@code partsSent} on.
     */
    public void resume(Incoming incoming, Optional<String> recordedReply, int partsSent) {
        finish(incoming, recordedReply, partsSent, Inbox.Receipt.DURABLE);
    }

    /**
     * The request is marked done once the reply was delivered, refused for good, or the chat is gone, and also
     * when handling it failed unexpectedly, so that one bad message can never block its conversation. A reply
     * still owed (the bot is stopping, or Telegram could not be reached) stays in the inbox, with the reply if
     * Gemini had answered, and is finished after the next start.
     */
    private void finish(Incoming incoming, Optional<String> recordedReply, int partsSent, Inbox.Receipt recorded) {
        if (forgetting != null && forgetting.deleted(incoming.updateId())) {
            log.info("Dropped request {} of user {}: deleted by their /forget", incoming.updateId(), incoming.userId());
            return;
        }
        long started = System.nanoTime();
        boolean owed = false;
        RequestCost cost = new RequestCost();
        try {
            owed = recordedReply.isPresent()
                    ? replies.deliver(incoming, recordedReply.get(), partsSent, recorded)
                    : respond(incoming, recorded, cost);
        } catch (ChatUnavailableException e) {
            unavailableChats.report(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            owed = true;
            log.debug("Stopping: request {} is left in the inbox for the next start", incoming.updateId());
        } finally {
            if (!owed) {
                replies.done(incoming);
            }
            long nanos = System.nanoTime() - started;
            logHandled(incoming, owed, nanos, cost);
            metrics.handled(cost.kind(incoming.request()), !owed, Duration.ofNanos(nanos));
        }
    }

    /** One INFO line per message dealt with: whose, what kind, how long, the tokens of its answer; never its text. */
    private static void logHandled(Incoming incoming, boolean owed, long nanos, RequestCost cost) {
        Answer.Tokens tokens = cost.tokens();
        String spent = tokens.total() == 0 ? ""
                : ", " + tokens.total() + " tokens (" + tokens.in() + " in, " + tokens.out() + " out)";
        log.info("{} chat {} user {} ({}) in {} ms{}", owed ? "Reply owed for" : "Handled",
                incoming.conversation().chatId(), incoming.conversation().userId(), cost.kind(incoming.request()),
                nanos / 1_000_000, spent);
    }

    /** The kind of a request, for logs and metrics: never the user's text. */
    public static String kind(Request request) {
        return switch (request) {
            case Request.Ask ask -> ask.attachments().isEmpty() ? "ask" : "ask_media";
            case Request.RunCommand run -> "command";
            case Request.Retry ignored -> "retry";
            case Request.SlowDown ignored -> "slow_down";
            case Request.EmptyQuestion ignored -> "empty_question";
            case Request.UnknownCommand ignored -> "unknown_command";
            case Request.UnsupportedContent ignored -> "unsupported_content";
            case Request.UnsupportedFile ignored -> "unsupported_file";
            case Request.AlbumPart ignored -> "album_part";
        };
    }

    /** Returns whether a reply is still owed (see {@link ReplyDelivery#deliver}). */
    private boolean respond(Incoming incoming, Inbox.Receipt recorded, RequestCost cost)
            throws ChatUnavailableException, InterruptedException {
        if (!unavailableChats.shouldAnswer(incoming.target().chatId(), incoming.sentAt())) {
            return false;
        }
        BotTexts texts = textsInEnglish.in(incoming.languageCode());
        if (!incoming.privateChat() && !access.allowsGroup(incoming.conversation().chatId())) {
            if (access.firstGroupRefusal(incoming.conversation().chatId())) {
                log.info("Refused chat {} (not in BOT_ALLOWED_CHATS)", incoming.conversation().chatId());
                return replies.sendText(incoming, recorded, texts.groupNotAllowed());
            }
            return false;
        }
        if (!access.allows(incoming.userId())) {
            if (access.firstRefusal(incoming.userId())) {
                log.info("Refused user {} (not in BOT_ALLOWED_USERS)", incoming.userId());
                return replies.sendText(incoming, recorded, texts.notAllowed());
            }
            return false;
        }
        return switch (incoming.request()) {
            case Request.Ask ask -> ask(incoming, ask, recorded, cost);
            case Request.AlbumPart part -> {
                // an album is one question: its other parts were answered (or refused) with it
                Optional<Request.Ask> album = albums.question(incoming, part);
                yield album.isPresent() && ask(incoming, album.get(), recorded, cost);
            }
            case Request.Retry ignored -> {
                Optional<String> overLimit = dailyLimitNote(incoming, cost, texts);
                yield overLimit.isPresent() ? replies.sendText(incoming, recorded, overLimit.get())
                        : answering.retry(incoming, recorded, cost);
            }
            // the admins' commands exist for admins in private chats only: /stats in a group would tell everyone
            case Request.RunCommand run when isAdminCommand(run)
                    && (!access.isAdmin(incoming.userId()) || !incoming.privateChat()) ->
                    replies.sendText(incoming, recorded, texts.unknownCommand(run.command()));
            case Request.RunCommand run -> replies.deliver(incoming, run(run, incoming), 0, recorded);
            case Request.SlowDown slow -> replies.sendText(incoming, recorded, texts.slowDown(slow.skipped(), slow.retryAfter()));
            case Request.EmptyQuestion ignored -> replies.sendText(incoming, recorded, texts.emptyQuestion());
            case Request.UnknownCommand unknown -> replies.sendText(incoming, recorded, texts.unknownCommand(unknown.command()));
            case Request.UnsupportedContent ignored -> replies.sendText(incoming, recorded, texts.textOnly());
            case Request.UnsupportedFile file -> replies.sendText(incoming, recorded, texts.unsupportedFile(file.what()));
        };
    }

    /** What the sender is told if they used up a daily limit (admins have none); empty: answer them. */
    private Optional<String> dailyLimitNote(Incoming incoming, RequestCost cost, BotTexts texts) {
        if (access.isAdmin(incoming.userId())) {
            return Optional.empty();
        }
        Optional<DailyUsage.Reached> reached = usage.reached(incoming.userId());
        reached.ifPresent(limit -> {
            cost.refusedByDailyLimit();
            metrics.dailyLimitReached(limit.limit());
        });
        return reached.map(texts::dailyLimitReached);
    }

    private boolean ask(Incoming incoming, Request.Ask ask, Inbox.Receipt recorded, RequestCost cost)
            throws ChatUnavailableException, InterruptedException {
        BotTexts texts = textsInEnglish.in(incoming.languageCode());
        Optional<String> overLimit = dailyLimitNote(incoming, cost, texts);
        if (overLimit.isPresent()) {
            return replies.sendText(incoming, recorded, overLimit.get());
        }
        if (ask.question().length() > maxQuestionLength) {
            return replies.sendText(incoming, recorded, texts.tooLong(ask.question().length(), maxQuestionLength));
        }
        return answering.answer(incoming,
                ask.toQuestion().replyingIn(Phrasebook.languageName(incoming.languageCode())), recorded, cost);
    }

    private boolean isAdminCommand(Request.RunCommand run) {
        return commands.named(run.command()).map(Command::adminOnly).orElse(false);
    }

    private String run(Request.RunCommand run, Incoming incoming) {
        String name = run.command();
        Command command = commands.named(name).orElseThrow(() -> new IllegalArgumentException("No command /" + name));
        Command.Tools tools = this.tools.in(incoming.languageCode());
        return switch (command.action()) {
            case Command.Reply reply -> reply.text().reply(incoming.conversation(), tools);
            case Command.AdminReply admin -> {
                log.info("Admin {} ran /{}", incoming.userId(), name); // an audit line: access changes matter
                yield admin.text().reply(run.arguments(), administration);
            }
            case Command.ForgetSender ignored when forgetting != null -> {
                ForgetUser.Forgotten forgotten = forgetting.forget(incoming.userId(), incoming.updateId());
                log.info("Forgot user {} on request: {} conversation(s), {} waiting message(s)", incoming.userId(),
                        forgotten.conversations(), forgotten.waitingMessages());
                yield tools.format().text(tools.texts().forgotten(forgotten.conversations(),
                        forgotten.waitingMessages()));
            }
            default -> throw new IllegalArgumentException("/" + name + " is not answered by the bot itself");
        };
    }
}
