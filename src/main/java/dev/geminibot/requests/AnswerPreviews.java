package dev.geminibot.requests;

import java.util.Optional;

/** Port: shows an answer while the model writes it, where the messenger supports that. Best effort. */
@FunctionalInterface
public interface AnswerPreviews {

    /** A preview for this request's answer, or empty when answers are not previewed there. */
    Optional<AnswerPreview> open(Incoming incoming);

    /** Never previews: every answer is sent complete. */
    AnswerPreviews NONE = incoming -> Optional.empty();

    /** One answer being previewed. */
    interface AnswerPreview extends AutoCloseable {
        /** The whole text received so far (Markdown); called on the model client's threads, must not block. */
        void show(String textSoFar);

        /**
         * Where the messenger lets the user stop the answer (a Stop button), {@code stop} runs when they do
         * (at most once, on another thread); elsewhere nothing happens.
         */
        default void onStop(Runnable stop) {
        }

        /** Stops previewing, before the complete answer is sent. */
        @Override
        void close();
    }
}
