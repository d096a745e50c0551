package dev.geminibot.delivery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable record of requests received and not yet fully answered, which makes delivery at-least-once
 * with de-duplication: a request is recorded before its receipt is confirmed to the sender, its reply is
 * recorded before it is sent, and it is removed once sent. After a crash {@link #pending()} says what to
 * finish; {@link #watermark()} says up to which id requests were recorded, so that the sender can be told
 * where to resume. It is not a filter: ids are not guaranteed to grow (Telegram restarts them lower after a
 * quiet week). Payloads and replies are opaque text to the inbox.
 */
public interface Inbox {

    /** A recorded request: its id, its payload, the reply to send (null until known), parts already sent. */
    record Entry(long id, String payload, String reply, int partsSent) {
        public Entry {
            Objects.requireNonNull(payload, "payload");
        }

        /** The reply recorded for this request, once the answer is known. */
        public Optional<String> recordedReply() {
            return Optional.ofNullable(reply);
        }
    }

    /** Proof that requests were recorded; they may not be durable yet. */
    @FunctionalInterface
    interface Receipt {
        /** Waits until the recorded requests would survive a crash. */
        void awaitDurable();

        /** For requests recorded by an earlier run. */
        Receipt DURABLE = () -> { };
    }

    /** The highest id recorded (0 if none): the sender may forget everything up to it. */
    long watermark();

    /**
     * Records {@code payloads} by id and sets the watermark to {@code seenUpTo} (the batch's highest id, which may be
     * lower than before: ids restart), in one commit. Returns as
     * soon as later inbox writes see them; {@link Receipt#awaitDurable()} waits for the commit.
     */
    Receipt accept(Map<Long, String> payloads, long seenUpTo);

    /** Records the reply to send for request {@code id} (call inside {@link Transactions#atomically} with the exchange). */
    void answered(long id, String reply);

    /** Records that the first {@code partsSent} parts of the reply were delivered. */
    void progress(long id, int partsSent);

    /** Forgets request {@code id}: it is fully dealt with. */
    void done(long id);

    /** Every request not yet done, in id order. */
    List<Entry> pending();

    /** Forgets every request not yet done that {@code which} picks (a user's leftovers, for privacy); returns how many. */
    int forget(java.util.function.Predicate<Entry> which);
}
