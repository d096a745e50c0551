package dev.geminibot.requests;

import java.util.List;
import java.util.function.IntConsumer;

/** Port: sends a reply, already formatted and cut into parts, to where a request came from. */
public interface ReplySender {

    /** What became of a reply. */
    enum Delivery {
        /** Every part reached the chat. */
        DELIVERED,
        /** The messenger refused a part for good (e.g. 400): sending it again could not help. */
        REFUSED,
        /** The messenger could not be reached within the tries allowed: the reply is still owed. */
        UNDELIVERED
    }

    /**
     * Sends {@code parts} from index {@code alreadySent} on, calling {@code partSent} with the count sent so
     * far after each one, so that a restart can resume where a crash or a stop left off.
     *
     * @throws ChatUnavailableException the chat is gone (blocked, removed, not found)
     * @throws InterruptedException the bot is stopping; the parts not reported to {@code partSent} are unsent
     */
    Delivery send(ReplyTarget target, List<String> parts, int alreadySent, IntConsumer partSent)
            throws ChatUnavailableException, InterruptedException;
}
