package dev.geminibot.requests;

/** Port: shows that an answer is being prepared ("typing...") until the handle is closed. Best effort. */
@FunctionalInterface
public interface TypingIndicator {

    /** Starts showing "typing..." at {@code target}; never blocks and never fails the answer. */
    Typing show(ReplyTarget target);

    /** Stops the indicator when closed. */
    @FunctionalInterface
    interface Typing extends AutoCloseable {
        @Override
        void close();
    }
}
