package dev.geminibot.support;

/** The innermost cause of an exception, which is what says what really went wrong. */
public final class RootCause {
    private RootCause() {
    }

    /** The last exception in {@code error}'s cause chain ({@code error} itself if it has no cause). */
    public static Throwable of(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Whether {@code error} or any of its causes is a {@code type}. */
    public static boolean isCausedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** The root cause's class and message, for one log or error line: {@code ConnectException: refused}. */
    public static String describe(Throwable error) {
        Throwable root = of(error);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
