package dev.geminibot.telegram;

import dev.geminibot.conversation.Answer;
import dev.geminibot.conversation.ConversationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Carries out one {@link Incoming} request: checks access, runs the command or asks Gemini with the typing
 * indicator shown, and sends the reply. Runs on the conversation's lane, so requests of one conversation
 * never overlap.
 */
public final class ChatHandler {
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

    private final ConversationService conversations;
    private final TelegramReplySender sender;
    private final TypingIndicator typing;
    private final AccessPolicy access;
    private final BotTexts texts;
    private final UnavailableChats unavailableChats = new UnavailableChats();

    public ChatHandler(ConversationService conversations, TelegramReplySender sender, TypingIndicator typing,
                       BotIdentity bot, Set<Long> allowedUsers, int memoryExchanges) {
        this.conversations = conversations;
        this.sender = sender;
        this.typing = typing;
        this.access = new AccessPolicy(allowedUsers);
        this.texts = new BotTexts(bot, memoryExchanges);
    }

    public void handle(Incoming incoming) {
        if (!unavailableChats.shouldAnswer(incoming.target().chatId(), incoming.sentAt())) {
            return;
        }
        try {
            reply(incoming);
        } catch (ChatUnavailableException e) {
            unavailableChats.report(e);
        }
    }

    private void reply(Incoming incoming) throws ChatUnavailableException {
        if (!access.allows(incoming.userId())) {
            if (access.firstRefusal(incoming.userId())) {
                log.info("Refused user {} (not in BOT_ALLOWED_USERS)", incoming.userId());
                sendText(incoming, texts.notAllowed());
            }
            return;
        }
        switch (incoming.request()) {
            case Request.Ask ask -> answer(incoming, ask.question());
            case Request.EmptyQuestion ignored -> sendText(incoming, texts.emptyQuestion());
            case Request.Start ignored -> sendText(incoming, texts.start());
            case Request.Help ignored -> sendText(incoming, texts.help());
            case Request.Reset ignored -> {
                conversations.forget(incoming.conversation());
                sendText(incoming, texts.resetDone());
            }
            case Request.History ignored -> sendText(incoming, texts.history(conversations.history(incoming.conversation())));
            case Request.UnknownCommand unknown -> sendText(incoming, texts.unknownCommand(unknown.command()));
            case Request.UnsupportedContent ignored -> sendText(incoming, texts.textOnly());
        }
    }

    private void answer(Incoming incoming, String question) throws ChatUnavailableException {
        try (TypingIndicator.Typing ignored = typing.show(incoming.target())) {
            Answer answer = conversations.ask(incoming.conversation(), question);
            String html = switch (answer) {
                case Answer.Reply r when r.cutShort() ->
                        TelegramHtml.fromMarkdown(r.text()) + "\n\n<i>" + TelegramHtml.escape(texts.cutShort()) + "</i>";
                case Answer.Reply r -> TelegramHtml.fromMarkdown(r.text());
                case Answer.Failure f -> TelegramHtml.escape(f.userMessage());
            };
            sender.send(incoming.target(), html);
        }
    }

    private void sendText(Incoming incoming, String text) throws ChatUnavailableException {
        sender.send(incoming.target(), TelegramHtml.escape(text));
    }
}
