package dev.geminibot.support;

import java.util.ArrayList;
import java.util.List;

/** Walks an exception's cause chain: the one place that does, for every adapter. */
public final class Causes {
    private Causes() {
    }

    /** {@code error} and its causes, outermost first; a cause that is its own cause ends the chain. */
    public static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable e = error; e != null && !chain.contains(e); e = e.getCause()) {
            chain.add(e);
        }
        return chain;
    }

    /** The innermost cause, which is what says what really went wrong ({@code error} itself if it has none). */
    public static Throwable root(Throwable error) {
        return chain(error).getLast();
    }

    /** Whether {@code error} or any of its causes is a {@code type}. */
    public static boolean anyIs(Throwable error, Class<? extends Throwable> type) {
        return chain(error).stream().anyMatch(type::isInstance);
    }

    /** The root cause's class and message, for one log or error line: {@code ConnectException: refused}. */
    public static String describeRoot(Throwable error) {
        Throwable root = root(error);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
