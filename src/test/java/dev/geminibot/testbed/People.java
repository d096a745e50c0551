package dev.geminibot.testbed;

/** The users of the test bed, by Telegram user id (a private chat's id is its user's). */
public final class People {
    public static final long ALICE = 1001;
    public static final long BOB = 1002;
    public static final long CAROL = 1003;

    private People() {
    }
}
