package dev.geminibot.gemini;

import dev.geminibot.config.GeminiSettings;
import dev.geminibot.support.Backoff;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;

import java.util.List;

/**
 * Builds the Gemini client from settings. The key travels in a header, never in the URL. {@code timeout}
 * bounds each whole response, body included, and the first event of a stream; {@code maxAnswerTime} a whole
 * stream ({@link GeminiHttpClientBuilder}).
 */
public final class GeminiChatModels {
    private GeminiChatModels() {
    }

    public static ChatModel chatModel(GeminiSettings settings) {
        return chatModel(settings, List.of());
    }

    /** @param listeners told of every HTTP call to Gemini (each retry is one), e.g. to count them */
    public static ChatModel chatModel(GeminiSettings settings, List<ChatModelListener> listeners) {
        ChatModel gemini = GoogleAiGeminiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .httpClientBuilder(new GeminiHttpClientBuilder(settings.maxAnswerTime()))
                .timeout(settings.timeout())
                .listeners(listeners)
                .maxRetries(0) // ResilientChatModel retries, honouring RetryInfo, which the client ignores
                .build();
        return new ResilientChatModel(gemini, settings.model(), settings.retries().maxAttempts(),
                new Backoff(settings.retries().backoff()), settings.retries().longestRetryDelay());
    }

    /** Streams answers; not retried (a stream that fails before any text falls back to {@link #chatModel}). */
    public static StreamingChatModel streamingModel(GeminiSettings settings) {
        return streamingModel(settings, List.of());
    }

    public static StreamingChatModel streamingModel(GeminiSettings settings, List<ChatModelListener> listeners) {
        return GoogleAiGeminiStreamingChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .httpClientBuilder(new GeminiHttpClientBuilder(settings.maxAnswerTime()))
                .timeout(settings.timeout())
                .listeners(listeners)
                .build();
    }
}
