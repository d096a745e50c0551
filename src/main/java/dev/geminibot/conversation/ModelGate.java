package dev.geminibot.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The way to the model: at most {@code maxConcurrentRequests} calls in flight, the rest waiting in arrival order,
 * at most {@code maxQueue} of them (beyond that a call fails at once as busy); a streamed call falls back to a
 * plain one when the stream fails or ends empty before any text. From its first call to the model a request has
 * {@code firstTextTimeout} to get text: a plain call (its retries included) is abandoned when that time is up,
 * and the fallback from a stream is made only while some of it is left. A stream that is flowing may go on
 * until {@code streamTimeout}.
 */
final class ModelGate {
    private static final Logger log = LoggerFactory.getLogger(ModelGate.class);

    private final ChatModel model;
    private final Optional<StreamingChatModel> streamingModel;
    private final Duration streamTimeout;
    private final Duration firstTextTimeout;
    private final Semaphore modelSlots;
    private final int maxQueue;
    private final AtomicInteger waiting = new AtomicInteger();

    ModelGate(ChatModel model, Optional<StreamingChatModel> streamingModel, ConversationSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.streamingModel = Objects.requireNonNull(streamingModel, "streamingModel");
        this.streamTimeout = settings.streamTimeout();
        this.firstTextTimeout = settings.firstTextTimeout();
        this.modelSlots = new Semaphore(settings.maxConcurrentRequests(), true);
        this.maxQueue = settings.maxQueue();
    }

    /** Asks the model; streams to {@code textSoFar} when there is a streaming model and a consumer. */
    ChatResponse call(List<ChatMessage> request, Optional<Consumer<String>> textSoFar) throws InterruptedException {
        return call(request, textSoFar, new StopSignal());
    }

    /**
     * As {@link #call(List, Optional)}; a stream that {@code stop} stops ends at once (its connection closed) with
     * the text received so far and no finish reason.
     */
    ChatResponse call(List<ChatMessage> request, Optional<Consumer<String>> textSoFar, StopSignal stop)
            throws InterruptedException {
        return streamingModel.isPresent() && textSoFar.isPresent()
                ? callStreaming(streamingModel.get(), request, textSoFar.get(), stop) : callModel(request, 0);
    }

    /** The answer's text; empty if it has none. */
    static String text(ChatResponse response) {
        AiMessage message = response.aiMessage();
        return message == null || message.text() == null ? "" : message.text();
    }

    private ChatResponse callStreaming(StreamingChatModel streaming, List<ChatMessage> request,
                                       Consumer<String> textSoFar, StopSignal stop) throws InterruptedException {
        StringBuilder received = new StringBuilder(); // guarded by itself: pieces arrive on the client's threads
        acquireSlot();
        long deadline = System.nanoTime() + firstTextTimeout.toNanos();
        try {
            ChatResponse streamed = stream(streaming, request, piece -> {
                String soFar;
                synchronized (received) {
                    soFar = received.append(piece).toString();
                }
                textSoFar.accept(soFar);
            }, stop, () -> {
                synchronized (received) {
                    return received.toString();
                }
            });
            if (!endedEmpty(streamed) || stop.isStopped()) {
                return streamed;
            }
            // An empty stream and a blocked prompt look alike here (the client drops promptFeedback); the
            // call without streaming tells them apart, and retries the empty one
            log.info("Streaming from Gemini ended without any text; asking again without streaming");
        } catch (RuntimeException e) {
            synchronized (received) {
                if (!received.isEmpty()) {
                    throw e; // the user has seen part of an answer: report the failure, do not start over
                }
            }
            log.info("Streaming from Gemini failed before any text ({}); asking again without streaming", e.toString());
        } finally {
            modelSlots.release();
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new dev.langchain4j.exception.TimeoutException("No text from Gemini within " + firstTextTimeout);
        }
        return callModel(request, deadline);
    }

    /** No text, and no reason of Gemini's own (a filter, the length limit) for there being none. */
    private static boolean endedEmpty(ChatResponse response) {
        return text(response).isEmpty()
                && (response.finishReason() == null || response.finishReason() == FinishReason.STOP);
    }

    private ChatResponse stream(StreamingChatModel streaming, List<ChatMessage> request, Consumer<String> onPiece,
                                StopSignal stop, java.util.function.Supplier<String> receivedSoFar) throws InterruptedException {
        CompletableFuture<ChatResponse> complete = new CompletableFuture<>();
        AtomicBoolean stoppable = new AtomicBoolean();
        streaming.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                onPiece.accept(partial.text());
                if (stoppable.compareAndSet(false, true)) {
                    // the handle closes the response body: Gemini sees the connection end and stops writing
                    stop.whenStopped(() -> {
                        // completed first: the hang-up makes the client report an error, which must not win
                        complete.complete(ChatResponse.builder().aiMessage(AiMessage.from(receivedSoFar.get())).build());
                        context.streamingHandle().cancel();
                    });
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                complete.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                complete.completeExceptionally(error);
            }
        });
        try {
            return complete.get(streamTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException("No complete streamed answer within " + streamTimeout);
        }
    }

    /**
     * One plain call, retries included, abandoned (and its HTTP exchange hung up) at {@code deadline}
     * ({@link System#nanoTime}); 0: {@code firstTextTimeout} from now, once a slot is free.
     */
    private ChatResponse callModel(List<ChatMessage> request, long deadline) throws InterruptedException {
        acquireSlot();
        long until = deadline != 0 ? deadline : System.nanoTime() + firstTextTimeout.toNanos();
        FutureTask<ChatResponse> call = new FutureTask<>(() -> {
            try {
                return model.chat(request);
            } finally {
                modelSlots.release(); // when the call has really ended, so an abandoned one does not overrun the limit
            }
        });
        try {
            Thread.ofVirtual().name("gemini-request").start(call);
        } catch (RuntimeException | Error e) {
            modelSlots.release();
            throw e;
        }
        try {
            return call.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw new dev.langchain4j.exception.TimeoutException("No answer from Gemini within " + firstTextTimeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Requests waiting for a free slot right now. */
    int waiting() {
        return waiting.get();
    }

    private void acquireSlot() throws InterruptedException {
        if (!modelSlots.tryAcquire(0, TimeUnit.SECONDS)) { // honours fairness, unlike tryAcquire()
            if (waiting.incrementAndGet() > maxQueue) {
                waiting.decrementAndGet();
                throw new ModelBusyException("More than " + maxQueue + " requests waiting for Gemini", null, null);
            }
            try {
                modelSlots.acquire();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }
}
