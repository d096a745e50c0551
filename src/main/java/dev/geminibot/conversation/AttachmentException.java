package dev.geminibot.conversation;

import java.util.Objects;

/** An attachment could not be used, grouped by what the user can do about it. Its message never holds a secret. */
public final class AttachmentException extends Exception {
    private final Problem problem;

    public AttachmentException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    /** Why. */
    public enum Problem {
        /** Larger than the bot may download from the messenger. */
        TOO_BIG_TO_DOWNLOAD,
        /** Larger than the bot sends to the model. */
        TOO_BIG_FOR_MODEL,
        /** The file is gone or cannot be fetched any more. */
        GONE,
        /** The download failed (network, timeout, cut short): try again later. */
        UNAVAILABLE,
        /** The bytes are not what they claim (e.g. a "text" file that is not text). */
        UNREADABLE,
        /** The model refused the file. */
        REFUSED_BY_MODEL
    }
}
