package dev.geminibot.config;

import java.util.stream.Collectors;

/** The effective settings in one line for the start-up log, secrets shown as {@code ***}. */
public final class SettingsSummary {
    private static final String MASKED = "***";

    private SettingsSummary() {
    }

    private static String ids(java.util.Set<Long> ids, String whenEmpty) {
        return ids.isEmpty() ? whenEmpty : ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static String of(Settings settings) {
        TelegramSettings tg = settings.telegram();
        GeminiSettings gemini = settings.gemini();
        BotSettings bot = settings.bot();
        return String.join(", ",
                "telegram.bot-token=" + MASKED,
                "telegram.api-url=" + tg.apiUrl(),
                "telegram.retry-backoff=" + tg.retryBackoff(),
                "telegram.rate-limit=" + tg.floodLimits().enabled(),
                "telegram.messages-per-second=" + tg.floodLimits().messagesPerSecond(),
                "telegram.chat-messages-per-second=" + tg.floodLimits().chatMessagesPerSecond(),
                "telegram.group-messages-per-minute=" + tg.floodLimits().groupMessagesPerMinute(),
                "gemini.api-key=" + MASKED,
                "gemini.base-url=" + gemini.baseUrl(),
                "gemini.model=" + gemini.model(),
                "gemini.timeout=" + gemini.timeout(),
                "gemini.max-concurrency=" + gemini.load().maxConcurrency(),
                "gemini.max-queue=" + gemini.load().maxQueue(),
                "gemini.max-attempts=" + gemini.retries().maxAttempts(),
                "gemini.retry-backoff=" + gemini.retries().backoff(),
                "gemini.longest-retry-delay=" + gemini.retries().longestRetryDelay(),
                "gemini.check-at-start=" + gemini.checkAtStart().name().toLowerCase(java.util.Locale.ROOT),
                "bot.data-dir=" + bot.dataDir().toAbsolutePath(),
                "bot.memory-exchanges=" + bot.memoryExchanges(),
                "bot.streaming=" + bot.streaming(),
                "bot.answer-format=" + (bot.answers().rich() ? "rich" : "html"),
                "bot.draft-refresh=" + bot.answers().draftRefresh(),
                "bot.group-live-answers=" + bot.answers().groupLive(),
                "bot.allowed-users=" + (bot.admission().allowedUsers().isEmpty() ? "everyone"
                        : bot.admission().allowedUsers().stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(","))),
                "bot.admin-users=" + ids(bot.admission().adminUsers(), "none"),
                "bot.allowed-chats=" + ids(bot.admission().allowedChats(), "every group"),
                "bot.max-question-length=" + bot.admission().maxQuestionLength(),
                "bot.rate-limit.messages=" + bot.admission().rateLimitMessages(),
                "bot.rate-limit.period=" + bot.admission().rateLimitPeriod(),
"bot.http-host=" + bot.http().host(),
                "bot.http-port=" + (bot.http().port().isPresent() ? String.valueOf(bot.http().port().getAsInt()) : "off"),
                "bot.summary-interval=" + bot.summaryInterval(),
                "bot.conversation-expiry=" + bot.conversationExpiry(),
                "bot.log-format=" + (bot.jsonLogs() ? "json" : "text"),
                "bot.daily-messages=" + (bot.dailyLimits().messages() == 0 ? "off" : bot.dailyLimits().messages()),
                "bot.daily-tokens=" + (bot.dailyLimits().tokens() == 0 ? "off" : bot.dailyLimits().tokens()),

                "bot.system-instruction=" + bot.systemInstruction().length() + " characters",
                "media.max-download-mb=" + settings.media().maxDownloadBytes() / (1024 * 1024),
                "media.max-request-mb=" + settings.media().maxRequestBytes() / (1024 * 1024),
                "media.memory-mb=" + settings.media().memoryBytes() / (1024 * 1024),
                "media.cache-mb=" + settings.media().cacheBytes() / (1024 * 1024),
                "media.album-wait=" + settings.media().albumWait());
    }
}
