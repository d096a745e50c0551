package dev.geminibot.testbed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's documented flood limits on sendMessage, once enforced: 30 messages in any second overall, 4 in any
 * second per chat (one a second plus a short burst), 20 in any minute per group.
 */
final class FakeFloodControl {
    private volatile boolean enforced;
    private final ArrayDeque<Long> recentSends = new ArrayDeque<>(); // guarded by this
    private final Map<Long, ArrayDeque<Long>> recentSendsByChat = new HashMap<>(); // guarded by this
    private final AtomicInteger tooManyRequests = new AtomicInteger();

    void enforce() {
        enforced = true;
    }

    /** Records a send if within the limits and returns null, or returns the seconds to wait (counted as a 429). */
    synchronized Integer check(long chatId) {
        if (!enforced) {
            return null;
        }
        long now = System.nanoTime();
        ArrayDeque<Long> chat = recentSendsByChat.computeIfAbsent(chatId, id -> new ArrayDeque<>());
        prune(recentSends, now, 1_000_000_000L);
        prune(chat, now, chatId < 0 ? 60_000_000_000L : 1_000_000_000L);
        boolean overGlobal = recentSends.size() >= 30;
        boolean overChat = chat.size() >= (chatId < 0 ? 20 : 4);
        if (chatId < 0) { // groups also have the per-second chat limit
            long lastSecond = chat.stream().filter(t -> now - t < 1_000_000_000L).count();
            overChat |= lastSecond >= 4;
        }
        if (overGlobal || overChat) {
            tooManyRequests.incrementAndGet();
            return 1;
        }
        recentSends.addLast(now);
        chat.addLast(now);
        return null;
    }

    int tooManyRequests() {
        return tooManyRequests.get();
    }

    private static void prune(ArrayDeque<Long> times, long now, long window) {
        while (!times.isEmpty() && now - times.peekFirst() >= window) {
            times.pollFirst();
        }
    }
}
