package dev.geminibot.conversation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What asking the model produced: a reply to show, or a failure to explain to the user. */
public sealed interface Answer {

    /** The model answered; {@code ending} says whether all of the answer came. */
    record Reply(String text, Ending ending) implements Answer {
        public Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(ending, "ending");
        }
    }

    /** How an answer ended. */
    enum Ending {
        /** The model finished it. */
        COMPLETE,
        /** The model stopped at its output limit: shown with a note, remembered as it is. */
        LENGTH_LIMIT,
        /** The stream ended without the model saying it had finished: shown with a note, never remembered. */
        CUT_OFF,
        /**
         * The user stopped the stream ({@link StopSignal}): what was written is shown with a note and remembered
         * marked as cut ({@link Exchange#CUT_MARK}).
         */
        STOPPED
    }

    /**
     * A file of the question could not be used (too big, gone, unreadable, refused by the model); the model was
     * not asked, or refused it, and nothing was remembered.
     */
    record Unusable(AttachmentException.Problem problem) implements Answer {
        public Unusable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The model gave no usable answer; nothing was remembered. {@code retryAfter}: when to come back, if known. */
    record Failure(ModelFailure reason, Optional<Duration> retryAfter) implements Answer {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Failure(ModelFailure reason) {
            this(reason, Optional.empty());
        }
    }
}
