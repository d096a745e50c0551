package dev.geminibot.requests;

import dev.geminibot.conversation.Attachment;
import dev.geminibot.conversation.Question;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a message asks of the bot, once addressing rules and command syntax are applied. */
public sealed interface Request {

    /** A question for Gemini, or {@link EmptyQuestion} if there is nothing to ask. */
    static Request ask(String question) {
        return question.isBlank() ? new EmptyQuestion() : new Ask(question.strip());
    }

    /** A question for Gemini with files (or a caption-less file alone), or {@link EmptyQuestion} if neither. */
    static Request ask(String question, List<Attachment> attachments) {
        return attachments.isEmpty() ? ask(question) : new Ask(question.strip(), attachments);
    }

    /**
     * A question for Gemini, with any mention of the bot removed, and the files sent with it or pointed at by
     * replying (empty: a question in words only).
     */
    record Ask(String question, List<Attachment> attachments) implements Request {
        public Ask {
            Objects.requireNonNull(question, "question");
            attachments = List.copyOf(attachments);
        }

        public Ask(String question) {
            this(question, List.of());
        }

        /** The question for the core. */
        public Question toQuestion() {
            return new Question(question, attachments);
        }

        /** The question in a few words for the user: its text, else the labels of its files in brackets. */
        public String describe() {
            return !question.isBlank() || attachments.isEmpty() ? question
                    : String.join(" ", attachments.stream().map(a -> "[" + a.label() + "]").toList());
        }
    }

    /**
     * One message of an album (several files sent at once, one {@code albumId}); {@link Albums} gathers the parts
     * into one question.
     *
     * @param ask this part's caption and files
     * @param addressed whether it asks the bot itself (in groups, usually only the captioned part mentions the bot)
     */
    record AlbumPart(String albumId, Ask ask, boolean addressed) implements Request {
        public AlbumPart {
            Objects.requireNonNull(albumId, "albumId");
            Objects.requireNonNull(ask, "ask");
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

    /** A sticker, location, poll or similar in a private chat: nothing for Gemini to read. */
    record UnsupportedContent() implements Request {
    }

    /**
     * A file the bot cannot send to Gemini (an animated sticker, an archive, a spreadsheet...).
     *
     * @param what what it is, in a few words for the user ({@code animated sticker}, {@code file of type application/zip})
     */
    record UnsupportedFile(String what) implements Request {
        public UnsupportedFile {
            Objects.requireNonNull(what, "what");
        }
    }
}
