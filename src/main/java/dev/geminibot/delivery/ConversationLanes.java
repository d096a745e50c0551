package dev.geminibot.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs work for one conversation strictly in submission order, and work for different conversations in
 * parallel on virtual threads, so a slow answer for one user never delays another.
 *
 * <p>Only conversations with work pending occupy memory: a lane is dropped as soon as its last task ends.
 */
public final class ConversationLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConversationLanes.class);

    /** How long interrupted tasks get to end: a send in flight gets 2 s to learn whether Telegram took it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("conversation-", 0).factory());
    private final Map<Object, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /**
     * Queues {@code task} behind every task already submitted for {@code laneKey}. A task that throws is
     * logged and does not stop the lane.
     */
    public CompletableFuture<Void> submit(Object laneKey, Runnable task) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] queued = new CompletableFuture[1];
        tails.compute(laneKey, (key, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            queued[0] = previous.handleAsync((ignored, error) -> {
                runGuarded(laneKey, task);
                return null;
            }, workers);
            return queued[0];
        });
        queued[0].whenComplete((ignored, error) -> tails.remove(laneKey, queued[0]));
        return queued[0];
    }

    /** How many conversations have work queued or running. */
    public int activeLanes() {
        return tails.size();
    }

    /** Waits until every submitted task has finished, or the timeout passes; true if all finished. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tails.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException ignored) {
                // tasks are guarded; a failed future only means the executor refused it
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Interrupts the tasks still running and waits briefly for them to end, so that none touches a store or a
     * client closed after this; tasks queued behind them never start. A task must treat interruption as
     * "the bot is stopping" and leave its work to be resumed, not as a failure.
     */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Work for {} conversation(s) did not stop within {} s of being interrupted",
                        tails.size(), STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runGuarded(Object laneKey, Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            log.error("Work for conversation {} failed", laneKey, e);
        }
    }
}
