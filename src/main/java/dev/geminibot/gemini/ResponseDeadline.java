package dev.geminibot.gemini;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a whole response, body included, by one deadline. LangChain4j's JDK client passes its timeout to
 * {@code java.net.http.HttpRequest.timeout}, which the JDK stops enforcing once the headers have arrived: a
 * server that sends headers and then stalls or drips bytes (SSE keep-alive comments included) would hold the
 * call, its thread and its connection for ever. At the deadline the call is abandoned and hung up, and the
 * caller gets LangChain4j's (retriable) {@link TimeoutException}. A stream has {@code deadline} for its first
 * event; once one has come, the answer is flowing and may go on until {@code streamCap} after the request.
 */
final class ResponseDeadline implements HttpClient {
    private final HttpClient delegate;
    private final Duration deadline;
    private final Duration streamCap;

    ResponseDeadline(HttpClient delegate, Duration deadline, Duration streamCap) {
        this.delegate = delegate;
        this.deadline = deadline;
        this.streamCap = streamCap.compareTo(deadline) > 0 ? streamCap : deadline;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        // The JDK client blocks its caller until the body is complete; only another thread can stop waiting,
        // and interrupting the call makes HttpClient.send cancel the exchange, which closes the connection.
        FutureTask<SuccessfulHttpResponse> call = new FutureTask<>(() -> delegate.execute(request));
        Thread.ofVirtual().name("gemini-call").start(call);
        try {
            return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw new TimeoutException("No complete response from Gemini within " + deadline);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Gemini", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Stream stream = new Stream(listener);
        delegate.execute(request, (body, parsed) -> {
            stream.opened(body);
            parser.parse(body, parsed);
        }, stream);
    }

    /** One streamed response: forwards to the listener until it ends or the deadline passes, whichever first. */
    private final class Stream implements ServerSentEventListener {
        private final ServerSentEventListener listener;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        private final CompletableFuture<Void> timer = new CompletableFuture<>();
        private volatile InputStream body;

        Stream(ServerSentEventListener listener) {
            this.listener = listener;
            // orTimeout's timers are cancelled when the stream ends first, so nothing lingers after a quick answer
            firstEvent.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(timedOut -> {
                        expire("No streamed response from Gemini within " + deadline);
                        return null;
                    });
            timer.orTimeout(streamCap.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(timedOut -> {
                        expire("No complete streamed response from Gemini within " + streamCap);
                        return null;
                    });
        }

        void opened(InputStream body) {
            this.body = body;
            if (ended.get()) {
                close(body); // the deadline passed while the headers were on their way
            }
        }

        private void expire(String message) {
            if (ended.compareAndSet(false, true)) {
                firstEvent.complete(null);
                timer.complete(null);
                InputStream open = body;
                if (open != null) {
                    close(open); // wakes the parser blocked in read() and hangs up
                }
                listener.onError(new TimeoutException(message));
            }
        }

        private static void close(InputStream body) {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we want; the stream is abandoned either way
            }
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            if (!ended.get()) {
                listener.onOpen(response);
            }
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            firstEvent.complete(null);
            if (!ended.get()) {
                listener.onEvent(event, context);
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            firstEvent.complete(null);
            if (!ended.get()) {
                listener.onEvent(event);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                firstEvent.complete(null);
                timer.complete(null);
                listener.onError(error);
            }
        }

        @Override
        public void onClose() {
            if (ended.compareAndSet(false, true)) {
                firstEvent.complete(null);
                timer.complete(null);
                listener.onClose();
            }
        }
    }
}
