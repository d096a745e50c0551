package dev.geminibot.gemini;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;

import java.time.Duration;

/**
 * The HTTP client LangChain4j would use anyway (its JDK client), with what it lacks around it: a deadline
 * over the whole response ({@link ResponseDeadline}, set to the read timeout the model passes in) and a look
 * at empty responses ({@link BlockedPromptCheck}).
 */
final class GeminiHttpClientBuilder implements HttpClientBuilder {
    private final HttpClientBuilder delegate = HttpClientBuilderLoader.loadHttpClientBuilder();
    private final Duration streamCap;

    /** @param streamCap how long a stream whose first event came in time may go on in all */
    GeminiHttpClientBuilder(Duration streamCap) {
        this.streamCap = streamCap;
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        delegate.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        delegate.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        if (delegate.readTimeout() != null) {
            client = new ResponseDeadline(client, delegate.readTimeout(), streamCap);
        }
        return new BlockedPromptCheck(client);
    }
}
