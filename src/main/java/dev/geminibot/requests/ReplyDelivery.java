package dev.geminibot.requests;

import dev.geminibot.delivery.Inbox;
import dev.geminibot.requests.ReplySender.Delivery;

import java.util.List;

/**
 * Sends a request's reply once the request is durably recorded, noting in the {@link Inbox} which parts of a
 * multi-part reply went out, so that a restart resumes where a stop or a crash left off.
 */
public final class ReplyDelivery {
    private final Inbox inbox;
    private final ReplySender sender;
    private final ReplyFormat format;

    public ReplyDelivery(Inbox inbox, ReplySender sender, ReplyFormat format) {
        this.inbox = inbox;
        this.sender = sender;
        this.format = format;
    }

    /** Records the formatted reply to send for this request (inside the transaction of its exchange). */
    void record(Incoming incoming, String formatted) {
        inbox.answered(incoming.updateId(), formatted);
    }

    /** Sends a formatted reply from part {@code partsSent} on; returns true if it is still owed. */
    boolean deliver(Incoming incoming, String formatted, int partsSent, Inbox.Receipt recorded)
            throws ChatUnavailableException, InterruptedException {
        recorded.awaitDurable(); // a crash after sending but before this would make Telegram deliver it again
        List<String> parts = format.parts(formatted);
        Delivery delivery = sender.send(incoming.target(), parts, partsSent, sent -> {
            if (sent < parts.size()) {
                inbox.progress(incoming.updateId(), sent);
            }
        });
        return delivery == Delivery.UNDELIVERED;
    }

    /** Sends the bot's own words; returns true if they are still owed. */
    boolean sendText(Incoming incoming, Inbox.Receipt recorded, String text)
            throws ChatUnavailableException, InterruptedException {
        return deliver(incoming, format.text(text), 0, recorded);
    }

    /** The request is dealt with for good: forget it. */
    void done(Incoming incoming) {
        inbox.done(incoming.updateId());
    }
}
