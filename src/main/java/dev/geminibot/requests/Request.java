package dev.geminibot.requests;

import java.time.Duration;
import java.util.Objects;

/** What a message asks of the bot, once addressing rules and command syntax are applied. */
public sealed interface Request {

    /** A question for Gemini, or {@link EmptyQuestion} if there is nothing to ask. */
    static Request ask(String question) {
        return question.isBlank() ? new EmptyQuestion() : new Ask(question.strip());
    }

    /** A question for Gemini, with any mention of the bot removed. */
    record Ask(String question) implements Request {
        public Ask {
            Objects.requireNonNull(question, "question");
        }
    }

    /** {@code /ask} or a bare mention with nothing to ask. */
    record EmptyQuestion() implements Request {
    }

    /**
     * A command of the bot's own that answers by itself ({@code /start}, {@code /reset}, ...); {@code arguments}:
     * what followed it, for the commands that take some ({@code /allow 12345}).
     */
    record RunCommand(String command, String arguments) implements Request {
        public RunCommand {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(arguments, "arguments");
        }

        public RunCommand(String command) {
            this(command, "");
        }
    }

    /** Ask the conversation's last question again ({@code /retry}); counts as a question for Gemini. */
    record Retry() implements Request {
    }

    record UnknownCommand(String command) implements Request {
    }

    /**
     * The user asks questions faster than the per-user limit allows (said once per streak).
     *
     * @param skipped the question that was not answered
     * @param retryAfter how long until the user may ask again
     */
    record SlowDown(String skipped, Duration retryAfter) implements Request {
        public SlowDown {
            Objects.requireNonNull(skipped, "skipped");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** A sticker, photo, voice message or similar in a private chat: the bot reads text only. */
    record UnsupportedContent() implements Request {
    }
}
