package dev.geminibot.telegram;

import dev.geminibot.requests.AccessPolicy;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.BotTexts;
import dev.geminibot.requests.ChatUnavailableException;
import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.Request;
import dev.geminibot.requests.UnavailableChats;
import dev.geminibot.telegram.format.TelegramHtml;
import dev.geminibot.telegram.outbound.DraftPreview;
import dev.geminibot.telegram.outbound.DraftPreviews;
import dev.geminibot.telegram.outbound.TelegramReplySender;
import dev.geminibot.telegram.outbound.TypingIndicator;
import dev.geminibot.conversation.Answer;
import dev.geminibot.conversation.ConversationService;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.telegram.outbound.TelegramReplySender.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Carries out one {@link Incoming} request: checks access, runs the command or asks Gemini with the typing
 * indicator shown, and sends the reply. Runs on the conversation's lane, so requests of one conversation
 * never overlap.
 */
public final class ChatHandler {
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

    private final ConversationService conversations;
    private final Inbox inbox;
    private final TelegramReplySender sender;
    private final TypingIndicator typing;
    private final AccessPolicy access;
    private final BotTexts texts;
    private final int maxQuestionLength;
    private final DraftPreviews drafts;
    private final UnavailableChats unavailableChats = new UnavailableChats();

    public ChatHandler(ConversationService conversations, Inbox inbox, TelegramReplySender sender,
                       TypingIndicator typing, DraftPreviews drafts, BotIdentity bot, Set<Long> allowedUsers,
                       int memoryExchanges, int maxQuestionLength) {
        this.maxQuestionLength = maxQuestionLength;
        this.drafts = drafts;
        this.conversations = conversations;
        this.inbox = inbox;
        this.sender = sender;
        this.typing = typing;
        this.access = new AccessPolicy(allowedUsers);
        this.texts = new BotTexts(bot, memoryExchanges);
    }

    /** Answers a request just taken in; nothing is sent before {@code recorded} is durable. */
    public void handle(Incoming incoming, Inbox.Receipt recorded) {
        finish(incoming, null, 0, recorded);
    }

    /**
     * Finishes a request: works out the reply unless {@code knownReply} is already recorded, and sends the parts
     * from {@code partsSent} on.
     */
    public void resume(Incoming incoming, String knownReply, int partsSent) {
        finish(incoming, knownReply, partsSent, Inbox.Receipt.DURABLE);
    }

    /**
     * The request is marked done once the reply was delivered, refused for good, or the chat is gone, and also
     * when handling it failed unexpectedly, so that one bad message can never block its conversation. A reply
     * still owed (the bot is stopping, or Telegram could not be reached) stays in the inbox, with the reply if
     * Gemini had answered, and is finished after the next start.
     */
    private void finish(Incoming incoming, String knownReply, int partsSent, Inbox.Receipt recorded) {
        boolean owed = false;
        try {
            owed = knownReply != null ? deliver(incoming, knownReply, partsSent, recorded) : respond(incoming, recorded);
        } catch (ChatUnavailableException e) {
            unavailableChats.report(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            owed = true;
            log.debug("Stopping: request {} is left in the inbox for the next start", incoming.updateId());
        } finally {
            if (!owed) {
                inbox.done(incoming.updateId());
            }
        }
    }

    /** Returns whether a reply is still owed (see {@link #deliver}). */
    private boolean respond(Incoming incoming, Inbox.Receipt recorded)
            throws ChatUnavailableException, InterruptedException {
        if (!unavailableChats.shouldAnswer(incoming.target().chatId(), incoming.sentAt())) {
            return false;
        }
        if (!access.allows(incoming.userId())) {
            if (access.firstRefusal(incoming.userId())) {
                log.info("Refused user {} (not in BOT_ALLOWED_USERS)", incoming.userId());
                return sendText(incoming, recorded, texts.notAllowed());
            }
            return false;
        }
        return switch (incoming.request()) {
            case Request.Ask ask when ask.question().length() > maxQuestionLength ->
                    sendText(incoming, recorded, texts.tooLong(ask.question().length(), maxQuestionLength));
            case Request.Ask ask -> answer(incoming, ask.question(), recorded);
            case Request.SlowDown ignored -> sendText(incoming, recorded, texts.slowDown());
            case Request.EmptyQuestion ignored -> sendText(incoming, recorded, texts.emptyQuestion());
            case Request.Start ignored -> sendText(incoming, recorded, texts.start());
            case Request.Help ignored -> sendText(incoming, recorded, texts.help());
            case Request.Reset ignored -> {
                conversations.forget(incoming.conversation());
                yield sendText(incoming, recorded, texts.resetDone());
            }
            case Request.History ignored -> sendText(incoming, recorded, texts.history(conversations.history(incoming.conversation())));
            case Request.UnknownCommand unknown -> sendText(incoming, recorded, texts.unknownCommand(unknown.command()));
            case Request.UnsupportedContent ignored -> sendText(incoming, recorded, texts.textOnly());
        };
    }

    /**
     * Shows "typing..." until the answer is sent, and in private chats the answer as it is written; the reply
     * is recorded with the exchange before sending.
     */
    private boolean answer(Incoming incoming, String question, Inbox.Receipt recorded)
            throws ChatUnavailableException, InterruptedException {
        try (TypingIndicator.Typing ignored = typing.show(incoming.target())) {
            String[] rendered = new String[1];
            Answer answer;
            try (DraftPreview preview = drafts.open(incoming)) {
                answer = conversations.ask(incoming.conversation(), question, reply -> {
                    rendered[0] = render(reply);
                    if (rendered[0] == null) {
                        return false; // Telegram would refuse it as empty; the user is told instead
                    }
                    inbox.answered(incoming.updateId(), rendered[0]);
                    return true;
                }, preview);
            }
            if (answer instanceof Answer.Failure && Thread.interrupted()) {
                // the bot is stopping and cut the Gemini call short: ask again after the restart, do not blame Gemini
                throw new InterruptedException("stopped while asking Gemini");
            }
            String html = switch (answer) {
                case Answer.Reply reply -> rendered[0];
                case Answer.Failure failure -> TelegramHtml.escape(failure.userMessage());
            };
            return deliver(incoming, html, 0, recorded);
        }
    }

    /** The reply as Telegram HTML, with a note if it is incomplete; null if the answer itself shows nothing. */
    private String render(Answer.Reply reply) {
        String html = TelegramHtml.fromMarkdown(reply.text());
        if (TelegramHtml.showsNothing(html)) {
            return null;
        }
        String note = switch (reply.ending()) {
            case COMPLETE -> null;
            case LENGTH_LIMIT -> texts.cutShort();
            case CUT_OFF -> texts.cutOff();
        };
        return note == null ? html : html + "\n\n<i>" + TelegramHtml.escape(note) + "</i>";
    }

    /** Sends the reply; returns true if it is still owed because Telegram could not be reached. */
    private boolean deliver(Incoming incoming, String html, int partsSent, Inbox.Receipt recorded)
            throws ChatUnavailableException, InterruptedException {
        recorded.awaitDurable(); // a crash after sending but before this would make Telegram deliver it again
        List<String> parts = TelegramReplySender.parts(html);
        Delivery delivery = sender.send(incoming.target(), parts, partsSent, sent -> {
            if (sent < parts.size()) {
                inbox.progress(incoming.updateId(), sent);
            }
        });
        return delivery == Delivery.UNDELIVERED;
    }

    private boolean sendText(Incoming incoming, Inbox.Receipt recorded, String text)
            throws ChatUnavailableException, InterruptedException {
        return deliver(incoming, TelegramHtml.escape(text), 0, recorded);
    }
}
