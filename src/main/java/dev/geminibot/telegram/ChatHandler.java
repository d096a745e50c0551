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

    public ChatHandler(ConversationService conversations, TelegramReplySender sender, TypingIndicator typing,
                       BotIdentity bot, Set<Long> allowedUsers, int memoryExchanges) {
        this.conversations = conversations;
        this.sender = sender;
        this.typing = typing;
        this.access = new AccessPolicy(allowedUsers);
        this.texts = new BotTexts(bot, memoryExchanges);
    }

    public void handle(Incoming incoming) {
        if (!access.allows(incoming.userId())) {
            if (access.firstRefusal(incoming.userId())) {
                log.info("Refused user {} (not in BOT_ALLOWED_USERS)", incoming.userId());
                sender.send(incoming.target(), texts.notAllowed());
            }
            return;
        }
        ReplyTarget target = incoming.target();
        switch (incoming.request()) {
            case Request.Ask ask -> answer(incoming, ask.question());
            case Request.EmptyQuestion ignored -> sender.send(target, texts.emptyQuestion());
            case Request.Start ignored -> sender.send(target, texts.start());
            case Request.Help ignored -> sender.send(target, texts.help());
            case Request.Reset ignored -> {
                conversations.forget(incoming.conversation());
                sender.send(target, texts.resetDone());
            }
            case Request.History ignored -> sender.send(target, texts.history(conversations.history(incoming.conversation())));
            case Request.UnknownCommand unknown -> sender.send(target, texts.unknownCommand(unknown.command()));
            case Request.UnsupportedContent ignored -> sender.send(target, texts.textOnly());
        }
    }

    private void answer(Incoming incoming, String question) {
        try (TypingIndicator.Typing ignored = typing.show(incoming.target())) {
            Answer answer = conversations.ask(incoming.conversation(), question);
            String reply = switch (answer) {
                case Answer.Reply r when r.cutShort() -> r.text() + "\n\n" + texts.cutShort();
                case Answer.Reply r -> r.text();
                case Answer.Failure f -> f.reason().userMessage();
            };
            sender.send(incoming.target(), reply);
        }
    }
}
