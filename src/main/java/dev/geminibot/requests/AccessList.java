package dev.geminibot.requests;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admins' run-time decisions on who may use the bot ({@code /allow}, {@code /deny}), persisted (a port; the
 * store implements it). A decision overrides {@code BOT_ALLOWED_USERS} for that user.
 */
public interface AccessList {

    /** True: allowed; false: denied; empty: no decision, the settings decide. */
    Optional<Boolean> decision(long userId);

    /** Records that {@code userId} may use the bot, replacing any earlier decision. */
    void allow(long userId);

    /** Records that {@code userId} may not use the bot, replacing any earlier decision. */
    void deny(long userId);

    /** Every decision by user id. */
    Map<Long, Boolean> decisions();

    /** Decisions kept in memory only, lost at a restart (tests, tools). */
    static AccessList inMemory() {
        Map<Long, Boolean> decisions = new ConcurrentHashMap<>();
        return new AccessList() {
            @Override
            public Optional<Boolean> decision(long userId) {
                return Optional.ofNullable(decisions.get(userId));
            }

            @Override
            public void allow(long userId) {
                decisions.put(userId, true);
            }

            @Override
            public void deny(long userId) {
                decisions.put(userId, false);
            }

            @Override
            public Map<Long, Boolean> decisions() {
                return Map.copyOf(decisions);
            }
        };
    }
}
