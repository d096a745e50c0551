package dev.geminibot.conversation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What asking the model produced: a reply to show, or a failure to explain to the user. */
public sealed interface Answer {

    /** The model answered; {@code ending} says whether all of the answer came; {@code tokens} what it cost. */
    record Reply(String text, Ending ending, Tokens tokens) implements Answer {
        public Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(ending, "ending");
            Objects.requireNonNull(tokens, "tokens");
        }

        /** A reply whose cost the model did not report. */
        public Reply(String text, Ending ending) {
            this(text, ending, Tokens.NONE);
        }
    }

    /** Tokens the model reported for an answer: {@code in} the prompt (memory included), {@code out} the answer. */
    record Tokens(long in, long out) {
        public static final Tokens NONE = new Tokens(0, 0);

        public Tokens {
            if (in < 0 || out < 0) {
                throw new IllegalArgumentException("token counts must be >= 0, got " + in + " in, " + out + " out");
            }
        }

        public long total() {
            return in + out;
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
