package dev.geminibot.conversation;

/** Makes several store writes durable together: all of them survive a crash, or none does. */
@FunctionalInterface
public interface Transactions {
    void atomically(Runnable writes);

    /** For stores that commit every write on its own (tests, memory only). */
    Transactions NONE = Runnable::run;
}
