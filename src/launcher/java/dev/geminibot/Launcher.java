package dev.geminibot;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that any JVM can load it: on a JVM older than the bot needs it
 * prints one line saying so (instead of an {@code UnsupportedClassVersionError}) and exits 1; otherwise it runs
 * {@code dev.geminibot.Main}.
 */
public final class Launcher {
    private static final int REQUIRED_JAVA = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = featureVersion(System.getProperty("java.specification.version", "0"));
        if (running < REQUIRED_JAVA) {
            System.err.println("gemini-telegram-bot needs Java " + REQUIRED_JAVA + " or newer; this is Java " + running
                    + " (" + System.getProperty("java.home") + ")");
            System.exit(1);
        }
        try {
            // by name: Main's class file is Java 21's, which this Java 8 compilation cannot read
            Class.forName("dev.geminibot.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" is Java 8; "17" is Java 17. */
    static int featureVersion(String specification) {
        String feature = specification.startsWith("1.") ? specification.substring(2) : specification;
        int dot = feature.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
