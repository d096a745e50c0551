package dev.geminibot.requests;

import dev.geminibot.conversation.ConversationKey;
import dev.geminibot.conversation.ConversationService;

import java.util.Objects;

/**
 * One command of the bot, defined once: its name, whether {@code /help} lists it, and what it does. Its words
 * (menu text, help line) are phrases {@code command.<name>.menu} and {@code command.<name>.help} of
 * {@link BotTexts}, so that they exist in every language.
 */
public record Command(String name, boolean listedInHelp, Action action) {
    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
    }

    /** What the command does. */
    public sealed interface Action {
    }

    /** Its arguments are a question for Gemini ({@code /ask}). */
    public record AskQuestion() implements Action {
    }

    /** Asks the conversation's last question again, in place of its last answer ({@code /retry}). */
    public record AskAgain() implements Action {
    }

    /** Answers with a text of the bot's own for the sender's conversation (and may change it, as /reset does). */
    public record Reply(ReplyText text) implements Action {
        public Reply {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Deletes everything stored about the sender, in every chat ({@code /forget}). */
    public record ForgetSender() implements Action {
    }

    /**
     * A command only for {@code BOT_ADMIN_USERS} ({@code /stats}, {@code /allow}, ...): not in the menu or the help,
     * and to anyone else it is an unknown command.
     */
    public record AdminReply(AdminText text) implements Action {
        public AdminReply {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The text an {@link AdminReply} command answers with, from its arguments, in the messenger's format. */
    @FunctionalInterface
    public interface AdminText {
        String reply(String arguments, Administration admin);
    }

    /** Whether only admins may run it. */
    public boolean adminOnly() {
        return action instanceof AdminReply;
    }

    /**
     * The text a {@link Reply} command answers with, worked out with the core's help, in the messenger's format
     * ({@link ReplyFormat}).
     */
    @FunctionalInterface
    public interface ReplyText {
        String reply(ConversationKey conversation, Tools tools);
    }

    /** What a command may use. */
    public record Tools(ConversationService conversations, BotTexts texts, Commands commands, ReplyFormat format) {
        /** The same tools speaking the language of someone whose client says {@code languageCode}. */
        Tools in(String languageCode) {
            return new Tools(conversations, texts.in(languageCode), commands, format);
        }
    }

    /** The request this command makes with {@code arguments} (already stripped of mentions of the bot). */
    public Request request(String arguments) {
        return switch (action) {
            case AskQuestion ask -> Request.ask(arguments);
            case AskAgain again -> new Request.Retry();
            case Reply reply -> new Request.RunCommand(name);
            case AdminReply admin -> new Request.RunCommand(name, arguments.strip());
            case ForgetSender forget -> new Request.RunCommand(name);
        };
    }
}
