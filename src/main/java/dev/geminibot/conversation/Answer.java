package dev.geminibot.conversation;

import java.time.Duration;
import java.util.Objects;

/** What asking the model produced: a reply to show, or a failure to explain to the user. */
public sealed interface Answer {

    /** The model answered; {@code cutShort} when it stopped at its output limit. */
    record Reply(String text, boolean cutShort) implements Answer {
        public Reply {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model gave no usable answer; nothing was remembered. {@code retryAfter} is null when unknown. */
    record Failure(ModelFailure reason, Duration retryAfter) implements Answer {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }

        public Failure(ModelFailure reason) {
            this(reason, null);
        }

        /** What to tell the user. */
        public String userMessage() {
            return reason.userMessage(retryAfter);
        }
    }
}
