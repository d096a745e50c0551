package dev.geminibot.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;

/**
 * Tells a blocked prompt from an empty response, which LangChain4j cannot: it ignores {@code promptFeedback}
 * and fails with the same {@link NullPointerException} on every 200 without candidates. Only the raw body
 * shows the difference, so this looks at it before LangChain4j does: no candidates and a
 * {@code promptFeedback.blockReason} is a {@link ContentFilteredException} (declined, not retried); anything
 * else goes on to LangChain4j, whose failures {@link ResilientChatModel} treats as a faulty response.
 */
final class BlockedPromptCheck implements HttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient delegate;

    BlockedPromptCheck(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        SuccessfulHttpResponse response = delegate.execute(request);
        String blockReason = blockReason(response.bodyBytes());
        if (blockReason != null) {
            throw new ContentFilteredException("Gemini blocked the prompt (" + blockReason + ")");
        }
        return response;
    }

    /** Streams are left alone: a stream without text is asked again without streaming, which comes here. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate.execute(request, parser, listener);
    }

    private static String blockReason(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode response = JSON.readTree(body);
            JsonNode blockReason = response == null ? null : response.path("promptFeedback").get("blockReason");
            return blockReason != null && response.path("candidates").isEmpty() ? blockReason.asText() : null;
        } catch (IOException notJson) {
            return null; // not a blocked prompt; LangChain4j will fail on it too
        }
    }
}
