package dev.geminibot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/** What the bot remembers, for whom, and how it talks. */
public record BotSettings(Path dataDir, int memoryExchanges, boolean streaming, String systemInstruction,
                          Admission admission, Http http, Duration summaryInterval, Answers answers,
                          DailyLimits dailyLimits, Duration conversationExpiry, boolean jsonLogs) {
    public BotSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(systemInstruction, "systemInstruction");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(summaryInterval, "summaryInterval");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(dailyLimits, "dailyLimits");
        Objects.requireNonNull(conversationExpiry, "conversationExpiry");
    }

    /**
     * How answers reach the chat.
     *
     * @param rich         as Telegram rich messages (else HTML messages); refused ones go as HTML anyway
     * @param draftRefresh a preview that has not changed for this long is sent again, so that it outlives the
     *                     ~30 s Telegram keeps a draft while Gemini pauses
     * @param groupLive    with streaming, groups see the answer grow in one message edited as Gemini writes
     */
    public record Answers(boolean rich, Duration draftRefresh, boolean groupLive) {
        public Answers {
            Objects.requireNonNull(draftRefresh, "draftRefresh");
        }
    }

    /**
     * Per-user limits per UTC day on questions Gemini answered and on their tokens; 0 = no limit.
     */
    public record DailyLimits(int messages, int tokens) {
    }

    /**
     * Where health and metrics are served ({@code /livez}, {@code /readyz}, {@code /metrics}).
     *
     * @param port empty = no HTTP server; 0 = any free port (tests)
     */
    public record Http(String host, OptionalInt port) {
        public Http {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
        }
    }

    /**
     * Who may ask, how much, and how often.
     *
     * @param allowedUsers Telegram user ids allowed to use the bot; empty means everyone
     * @param rateLimitMessages messages each user may send per {@code rateLimitPeriod}; 0 = no limit
     * @param adminUsers user ids who get the admin commands and are never limited or refused
     * @param allowedChats group chat ids the bot answers in; empty means every group
     */
    public record Admission(Set<Long> allowedUsers, int maxQuestionLength, int rateLimitMessages,
                            Duration rateLimitPeriod, Set<Long> adminUsers, Set<Long> allowedChats) {
        public Admission {
            allowedUsers = Set.copyOf(allowedUsers);
            Objects.requireNonNull(rateLimitPeriod, "rateLimitPeriod");
            adminUsers = Set.copyOf(adminUsers);
            allowedChats = Set.copyOf(allowedChats);
        }
    }
}
