package dev.geminibot.requests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answer previews that show a Stop button right now, by chat and preview id: the messenger's "stopped"
 * notice (which arrives with the updates, apart from any request) reaches the answer being written through here.
 */
public final class StopButtons {
    private record Key(long chatId, long previewId) {
    }

    private final Map<Key, Runnable> shown = new ConcurrentHashMap<>();

    /** A preview shows a Stop button; {@code stop} runs if it is pressed, until the registration is closed. */
    public Registration show(long chatId, long previewId, Runnable stop) {
        Key key = new Key(chatId, previewId);
        shown.put(key, stop);
        return () -> shown.remove(key, stop);
    }

    /** The user pressed Stop on this preview; returns false if no answer is being written there (any more). */
    public boolean press(long chatId, long previewId) {
        Runnable stop = shown.remove(new Key(chatId, previewId));
        if (stop == null) {
            return false;
        }
        stop.run();
        return true;
    }

    /** A Stop button shown; closing it forgets it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
