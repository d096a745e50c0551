package dev.geminibot.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Logs once per chat that Telegram refuses to deliver there (blocked, kicked), not once per message. */
final class UnavailableChats {
    private static final Logger log = LoggerFactory.getLogger(UnavailableChats.class);
    private static final int REMEMBERED = 10_000;

    private final Set<Long> reported = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    void report(ChatUnavailableException e) {
        if (reported.add(e.chatId())) {
            log.warn("{}; not answering there until it writes again", e.getMessage());
        }
    }

    /** The chat wrote to the bot again, so it may be reachable again. */
    void heardFrom(long chatId) {
        reported.remove(chatId);
    }
}
