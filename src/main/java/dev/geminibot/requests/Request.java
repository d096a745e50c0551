package dev.geminibot.requests;

import java.util.Objects;

/** What a Telegram message asks of the bot, once addressing rules and command syntax are applied. */
public sealed interface Request {

    /** A question for Gemini, with any mention of the bot removed. */
    record Ask(String question) implements Request {
        public Ask {
            Objects.requireNonNull(question, "question");
        }
    }

    /** {@code /ask} or a bare mention with nothing to ask. */
    record EmptyQuestion() implements Request {
    }

    record Start() implements Request {
    }

    record Help() implements Request {
    }

    /** Forget my conversation here. */
    record Reset() implements Request {
    }

    /** Show my remembered exchanges here. */
    record History() implements Request {
    }

    record UnknownCommand(String command) implements Request {
    }

    /** The user sends messages faster than the per-user limit allows (said once per streak). */
    record SlowDown() implements Request {
    }

    /** A sticker, photo, voice message or similar in a private chat: the bot reads text only. */
    record UnsupportedContent() implements Request {
    }
}
