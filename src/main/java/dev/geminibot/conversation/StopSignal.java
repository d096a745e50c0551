package dev.geminibot.conversation;

import java.util.concurrent.CompletableFuture;

/**
 * The user's wish to stop an answer while the model writes it (e.g. Telegram's Stop button on a preview): the
 * streamed model call ends at once, its connection closed, and the text written so far is the answer
 * ({@link Answer.Ending#STOPPED}). Thread-safe; stopping twice is stopping once.
 */
public final class StopSignal {
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** Stops the answer (from any thread). */
    public void stop() {
        stopped.complete(null);
    }

    public boolean isStopped() {
        return stopped.isDone();
    }

    /** Runs {@code action} once stopped: at once if that has already happened. */
    void whenStopped(Runnable action) {
        stopped.thenRun(action);
    }
}
