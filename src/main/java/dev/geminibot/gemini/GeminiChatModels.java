package dev.geminibot.gemini;

import dev.geminibot.config.GeminiSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;

/** Builds the Gemini client from settings. The key travels in a header, never in the URL. */
public final class GeminiChatModels {
    private GeminiChatModels() {
    }

    public static ChatModel chatModel(GeminiSettings settings) {
        ChatModel gemini = GoogleAiGeminiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0) // ResilientChatModel retries, honouring RetryInfo, which the client ignores
                .build();
        return new ResilientChatModel(gemini, settings.model(), settings.maxAttempts(), settings.retryBackoff(),
                settings.longestRetryDelay());
    }
}
