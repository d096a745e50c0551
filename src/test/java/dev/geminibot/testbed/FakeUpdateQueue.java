package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import static dev.geminibot.testbed.JsonHttp.JSON;

/**
 * The fake Bot API's updates waiting for the bot, with getUpdates' real semantics: ids start high and grow by
 * one; an {@code offset} confirms (forgets) every queued update below it; an offset beyond the next id the queue
 * will give out, as the bot's is after Telegram restarted its ids lower ({@link #restartIdsAt}), confirms nothing
 * and is answered from the queue head; a newer getUpdates ends a waiting older one (409 Conflict).
 */
final class FakeUpdateQueue {
    private final Object lock = new Object();
    private final List<ObjectNode> pending = new ArrayList<>(); // guarded by lock
    private int nextUpdateId = FakeTelegram.FIRST_UPDATE_ID; // guarded by lock
    private long pollGeneration; // guarded by lock: the newest getUpdates; older ones waiting end with 409
    private boolean closed; // guarded by lock

    /** Queues the updates {@code build} makes from consecutive ids, so that a waiting poll sees them together. */
    void add(int count, LongFunction<ObjectNode> build) {
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                pending.add(build.apply(nextUpdateId++));
            }
            lock.notifyAll();
        }
    }

    /** Queues one update made from the next id; returns it. */
    ObjectNode add(LongFunction<ObjectNode> build) {
        synchronized (lock) {
            ObjectNode update = build.apply(nextUpdateId++);
            pending.add(update);
            lock.notifyAll();
            return update;
        }
    }

    /** Queues an update as given (its copy too, when a test sends one twice); an id is added unless present. */
    void addAsIs(ObjectNode update) {
        synchronized (lock) {
            if (!update.has("update_id")) {
                update.put("update_id", nextUpdateId++);
            }
            pending.add(update);
            lock.notifyAll();
        }
    }

    /** Runs {@code queueing} so that a waiting poll sees all it queues at once. */
    void atOnce(Runnable queueing) {
        synchronized (lock) {
            queueing.run();
            lock.notifyAll();
        }
    }

    /** See {@link FakeTelegram#restartIdsAt}. */
    void restartIdsAt(int firstId) {
        synchronized (lock) {
            if (firstId >= nextUpdateId) {
                throw new IllegalArgumentException("ids restart lower: " + firstId + " is not below " + nextUpdateId);
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("Telegram restarts ids only after a quiet week; "
                        + pending.size() + " update(s) are still queued");
            }
            nextUpdateId = firstId;
        }
    }

    int unconfirmed() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** The updates to return, or null when a newer getUpdates ended this one. */
    ArrayNode poll(long offset, int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long poll = ++pollGeneration;
            lock.notifyAll(); // an older poll still waiting ends now
            while (true) {
                if (poll != pollGeneration) {
                    return null;
                }
                if (offset <= nextUpdateId) { // within the ids given out: confirms those below it
                    pending.removeIf(update -> update.get("update_id").asLong() < offset);
                } // else ahead of the queue: answered from its head, nothing confirmed
                long left = deadline - System.nanoTime();
                if (!pending.isEmpty() || closed || left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ArrayNode result = JSON.createArrayNode();
            pending.stream().limit(limit).forEach(result::add);
            return result;
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
