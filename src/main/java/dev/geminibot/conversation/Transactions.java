package dev.geminibot.conversation;

/**
 * Makes several store writes atomic: all of them survive a crash, or none does. They become durable with the
 * next write that waits for durability (every standalone write does), not necessarily when this returns.
 */
@FunctionalInterface
public interface Transactions {
    void atomically(Runnable writes);

    /** For stores that commit every write on its own (tests, memory only). */
    Transactions NONE = Runnable::run;
}
