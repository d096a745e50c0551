package dev.geminibot.testbed;

/** The group chats of the test bed (supergroups: negative ids, as Telegram gives them). */
public final class Chats {
    public static final long GROUP = -1001234567890L;
    public static final long OTHER_GROUP = -100777L;

    private Chats() {
    }
}
