package dev.geminibot.conversation;

/**
 * Records a reply for delivery, inside the transaction that remembers its exchange (a port: the chat adapter
 * renders the reply and writes it to its inbox).
 */
@FunctionalInterface
public interface ReplyRecorder {
    /**
     * Records {@code reply} as the user will see it, or writes nothing and returns false if the user would see
     * nothing (an answer made only of spaces or empty formatting); then nothing is remembered either.
     */
    boolean record(Answer.Reply reply);

    /** Records nothing; every reply counts as visible. */
    ReplyRecorder NONE = reply -> true;
}
