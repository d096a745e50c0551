package dev.geminibot.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Takes requests in, at least once and in order: records a batch in the {@link Inbox} in one commit (retrying
 * until it works), hands each request to its conversation's lane, and returns only once the commit is durable,
 * which lets the sender forget the batch. If the batch cannot be recorded (the bot is stopping), {@link #take}
 * throws instead, and the batch stays the sender's to deliver again.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final Duration RECORD_RETRY = Duration.ofSeconds(1);

    private final Inbox inbox;
    private final ConversationLanes lanes;
    private volatile boolean accepting = true;

    /** A request to record: its id and payload, its lane, and the work to queue there once it is recorded. */
    public record Accepted(long id, String payload, Object lane, Consumer<Inbox.Receipt> work) {
    }

    /** Work to queue on a lane. */
    public record LaneTask(Object lane, Runnable work) {
    }

    public Intake(Inbox inbox, ConversationLanes lanes) {
        this.inbox = inbox;
        this.lanes = lanes;
    }

    /**
     * Records {@code batch} (ids up to {@code highestId} seen) and queues its work; returns once it is durable.
     * Work starts while the commit runs: it must not act outside before the receipt it gets is durable.
     *
     * @throws IllegalStateException if the batch was not recorded (the bot is stopping): do not confirm it
     */
    public void take(List<Accepted> batch, long highestId) {
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, String> payloads = new LinkedHashMap<>();
        batch.forEach(accepted -> payloads.put(accepted.id(), accepted.payload()));
        Inbox.Receipt receipt = record(payloads, highestId);
        batch.forEach(accepted -> lanes.submit(accepted.lane(), () -> accepted.work().accept(receipt)));
        receipt.awaitDurable();
    }

    /**
     * Re-queues requests recorded by an earlier run and not finished (call before taking new ones). {@code resume}
     * says what to do with each; an entry it returns nothing for (or fails on) is forgotten.
     */
    public void resume(Function<Inbox.Entry, Optional<LaneTask>> resume) {
        List<Inbox.Entry> pending = inbox.pending();
        if (!pending.isEmpty()) {
            log.info("Finishing {} request(s) left over from the last run", pending.size());
        }
        for (Inbox.Entry entry : pending) {
            Optional<LaneTask> task;
            try {
                task = resume.apply(entry);
            } catch (RuntimeException e) {
                log.error("Dropping unreadable recorded update {}: {}", entry.id(), e.toString());
                task = Optional.empty();
            }
            task.ifPresentOrElse(t -> lanes.submit(t.lane(), t.work()), () -> inbox.done(entry.id()));
        }
    }

    /** Stops taking new requests; work already queued still runs. */
    public void stopAccepting() {
        accepting = false;
    }

    /**
     * Records until it works: returning without recording would let the sender forget requests we do not
     * have. Gives up only when the bot is stopping, by throwing: the batch stays unconfirmed.
     */
    private Inbox.Receipt record(Map<Long, String> payloads, long highest) {
        while (accepting) {
            try {
                return inbox.accept(payloads, highest);
            } catch (RuntimeException e) {
                log.error("Cannot record {} update(s); retrying so that none is lost: {}", payloads.size(), e.toString());
                try {
                    Thread.sleep(RECORD_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("Stopping: " + payloads.size() + " update(s) not recorded");
    }
}
