package dev.geminibot.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The use case at the heart of the bot: answer a message in the context of its conversation's last
 * exchanges, and remember the new exchange only when the model really answered.
 *
 * <p>Calls for one {@link ConversationKey} must not overlap (each is a read-modify-write of that
 * conversation's memory); the delivery lanes give that order. Calls for different keys may run
 * concurrently, up to the model concurrency limit.
 */
public final class ConversationService {
    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
    private static final int REMEMBERED_UNANSWERED = 10_000;

    private final ModelGate gate;
    private final ChatMemoryStore store;
    private final Transactions transactions;
    private final SystemMessage systemInstruction;
    private final int memoryExchanges;
    private final Attachments attachments;
    /** Per conversation id, the last question asked whose answer was not remembered (failed, declined, cut off). */
    private final Map<String, Question> unremembered = new LinkedHashMap<>(16, 0.75f, true) { // guarded by itself
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Question> eldest) {
            return size() > REMEMBERED_UNANSWERED; // bounded: the most recent conversations only
        }
    };

    /** A service that never streams. */
    public ConversationService(ChatModel model, ChatMemoryStore store, Transactions transactions,
                               ConversationSettings settings) {
        this(model, Optional.empty(), store, transactions, settings);
    }

    /**
     * @param streamingModel streams answers for {@link #askStreaming}; empty: answers are never streamed
     */
    public ConversationService(ChatModel model, Optional<StreamingChatModel> streamingModel, ChatMemoryStore store,
                               Transactions transactions, ConversationSettings settings) {
        this(model, streamingModel, store, transactions, settings, Attachments.NONE);
    }

    /**
     * @param attachments loads the files of questions (new and remembered) when a request is built
     */
    public ConversationService(ChatModel model, Optional<StreamingChatModel> streamingModel, ChatMemoryStore store,
                               Transactions transactions, ConversationSettings settings, Attachments attachments) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.gate = new ModelGate(model, streamingModel, settings);
        this.store = Objects.requireNonNull(store, "store");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.systemInstruction = SystemMessage.from(settings.systemInstruction());
        this.memoryExchanges = settings.memoryExchanges();
    }

    /** Requests waiting for a free Gemini slot right now (for the metrics). */
    public int waitingForModel() {
        return gate.waiting();
    }

    /** Asks the model; on success the exchange is stored in one write, on failure nothing changes. */
    public Answer ask(ConversationKey key, String question) {
        return ask(key, question, ReplyRecorder.NONE);
    }

    /**
     * As {@link #ask(ConversationKey, String)}, and on success also records the reply with {@code recorder} in
     * the same transaction as the exchange (e.g. to record the reply for delivery), so both survive a crash or
     * neither. A reply the recorder finds empty is a {@link ModelFailure#EMPTY} and remembered nowhere.
     */
    public Answer ask(ConversationKey key, String question, ReplyRecorder recorder) {
        return ask(key, Question.of(question), recorder, Optional.empty());
    }

    /**
     * As {@link #ask(ConversationKey, String, ReplyRecorder)} for a question that may carry files, streaming
     * to {@code textSoFar} if present (see {@link #askStreaming}). A file that cannot be used gives
     * {@link Answer.Unusable}, and nothing is remembered.
     */
    public Answer ask(ConversationKey key, Question question, ReplyRecorder recorder,
                      Optional<Consumer<String>> textSoFar) {
        return ask(key, question, recorder, textSoFar, new StopSignal());
    }

    /** As {@link #ask(ConversationKey, Question, ReplyRecorder, Optional)}, stopped as {@link #askStreaming} is. */
    public Answer ask(ConversationKey key, Question question, ReplyRecorder recorder,
                      Optional<Consumer<String>> textSoFar, StopSignal stop) {
        return ask(key, question, recorder, textSoFar, false, stop);
    }

    /**
     * As {@link #ask(ConversationKey, String, ReplyRecorder)}, streaming the answer if a streaming model is
     * configured: {@code textSoFar} receives the whole text received so far after each piece (on the model
     * client's threads; it must not block). If the stream fails or ends empty before any text, the question is
     * asked again without streaming (with its retries); after text it is a failure like any other. A stream
     * that ends without a finish reason is a {@link Answer.Ending#CUT_OFF} reply: shown, not remembered.
     */
    public Answer askStreaming(ConversationKey key, String question, ReplyRecorder recorder, Consumer<String> textSoFar) {
        return askStreaming(key, question, recorder, textSoFar, new StopSignal());
    }

    /**
     * As {@link #askStreaming(ConversationKey, String, ReplyRecorder, Consumer)}; if {@code stop} stops the
     * stream, the text so far is a {@link Answer.Ending#STOPPED} reply, remembered with {@link Exchange#CUT_MARK}.
     */
    public Answer askStreaming(ConversationKey key, String question, ReplyRecorder recorder, Consumer<String> textSoFar,
                               StopSignal stop) {
        return ask(key, Question.of(question), recorder, Optional.of(textSoFar), stop);
    }

    /**
     * The question {@code /retry} asks again: the last one asked here whose answer was not remembered (it
     * failed, was declined or cut off), else the question of the last remembered exchange; empty if none.
     */
    public Optional<String> retryQuestion(ConversationKey key) {
        return lastQuestion(key).map(Question::prompt);
    }

    private Optional<Question> lastQuestion(ConversationKey key) {
        synchronized (unremembered) {
            Question pending = unremembered.get(key.id());
            if (pending != null) {
                return Optional.of(pending);
            }
        }
        List<ChatMessage> messages = remembered(key);
        for (int i = messages.size() - 1; i > 0; i--) {
            if (messages.get(i) instanceof AiMessage && messages.get(i - 1) instanceof UserMessage user) {
                return Optional.of(Attachments.question(user));
            }
        }
        return Optional.empty();
    }

    /**
     * Asks {@link #retryQuestion} again, as {@link #askStreaming} (or {@link #ask} if {@code textSoFar} is empty)
     * does, leaving out the exchange it replaces: if it was the last remembered exchange, the model does not see
     * it and a new answer takes its place (on failure it stays as it was). Empty if there is nothing to retry.
     */
    public Optional<Answer> retry(ConversationKey key, ReplyRecorder recorder, Optional<Consumer<String>> textSoFar) {
        return retry(key, recorder, textSoFar, new StopSignal());
    }

    /** As {@link #retry(ConversationKey, ReplyRecorder, Optional)}, stopped as {@link #askStreaming} is. */
    public Optional<Answer> retry(ConversationKey key, ReplyRecorder recorder, Optional<Consumer<String>> textSoFar,
                                  StopSignal stop) {
        return retry(key, recorder, textSoFar, stop, "");
    }

    /**
     * As {@link #retry(ConversationKey, ReplyRecorder, Optional, StopSignal)}, for a user whose language is
     * {@code replyLanguage} ({@link Question#replyingIn}): a remembered question does not keep it.
     */
    public Optional<Answer> retry(ConversationKey key, ReplyRecorder recorder, Optional<Consumer<String>> textSoFar,
                                  StopSignal stop, String replyLanguage) {
        Optional<Question> question = lastQuestion(key)
                .map(asked -> asked.replyLanguage().isBlank() ? asked.replyingIn(replyLanguage) : asked);
        if (question.isEmpty()) {
            return Optional.empty();
        }
        boolean pending;
        synchronized (unremembered) {
            pending = unremembered.containsKey(key.id());
        }
        return Optional.of(ask(key, question.get(), recorder, textSoFar, !pending, stop));
    }

    private Answer ask(ConversationKey key, Question question, ReplyRecorder recorder, Optional<Consumer<String>> textSoFar,
                       boolean replaceLast, StopSignal stop) {
        List<ChatMessage> remembered = remembered(key);
        if (replaceLast && remembered.size() >= 2 && remembered.getLast() instanceof AiMessage
                && remembered.get(remembered.size() - 2) instanceof UserMessage) {
            remembered = remembered.subList(0, remembered.size() - 2);
        }
        UserMessage userMessage = Attachments.remembered(question);
        ChatResponse response;
        try (Attachments.Loaded loaded = attachments.load(remembered, question)) {
            List<ChatMessage> request = new ArrayList<>(loaded.messages().size() + 1);
            request.add(systemInstruction);
            request.addAll(loaded.messages());
            response = gate.call(request, textSoFar, stop);
        } catch (AttachmentException e) {
            log.info("A file of the question in conversation {} cannot be used ({}): {}", key.id(), e.problem(),
                    e.getMessage());
            return new Answer.Unusable(e.problem());
        } catch (RuntimeException e) {
            if (question.hasAttachments() && refusedRequest(e)) {
                // only the files are new to the model: a 400 for a question with files is its verdict on them
                log.info("Gemini refused a file of the question in conversation {}: {}", key.id(), e.toString());
                return new Answer.Unusable(AttachmentException.Problem.REFUSED_BY_MODEL);
            }
            ModelFailure failure = ModelFailure.of(e);
            log.warn("Gemini request for conversation {} failed ({}): {}", key.id(), failure, e.toString());
            noteUnremembered(key, question, replaceLast);
            return new Answer.Failure(failure,
                    e instanceof ModelBusyException busy ? busy.retryAfter() : Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            noteUnremembered(key, question, replaceLast);
            return new Answer.Failure(ModelFailure.UNAVAILABLE);
        }

        FinishReason finishReason = response.finishReason();
        String text = ModelGate.text(response);
        if (text.isEmpty() || finishReason == FinishReason.CONTENT_FILTER) {
            log.info("Gemini gave no usable answer for conversation {} (finish reason {})", key.id(), finishReason);
            noteUnremembered(key, question, replaceLast);
            return new Answer.Failure(ModelFailure.DECLINED);
        }
        Answer.Reply reply = new Answer.Reply(text,
                finishReason == null && stop.isStopped() ? Answer.Ending.STOPPED : ending(finishReason),
                tokens(response));
        AtomicBoolean shown = new AtomicBoolean();
        List<ChatMessage> kept = remembered;
        transactions.atomically(() -> {
            shown.set(recorder.record(reply));
            if (shown.get() && reply.ending() != Answer.Ending.CUT_OFF) { // a fragment is never remembered as an answer
                remember(key, kept, userMessage, AiMessage.from(
                        reply.ending() == Answer.Ending.STOPPED ? text + Exchange.CUT_MARK : text));
            }
        });
        if (shown.get() && reply.ending() != Answer.Ending.CUT_OFF) {
            synchronized (unremembered) {
                unremembered.remove(key.id());
            }
        } else {
            noteUnremembered(key, question, replaceLast);
        }
        if (!shown.get()) {
            log.info("Gemini's answer for conversation {} shows nothing once formatted", key.id());
            return new Answer.Failure(ModelFailure.EMPTY);
        }
        if (reply.ending() == Answer.Ending.CUT_OFF) {
            log.info("Gemini's stream for conversation {} ended without a finish reason; sent as cut off, not remembered",
                    key.id());
        }
        return reply;
    }

    /** A 400 about the request itself; not a content filter, not a bad API key (Gemini answers 400 for that too). */
    private static boolean refusedRequest(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof InvalidRequestException && !(e instanceof ContentFilteredException)) {
                String message = String.valueOf(e.getMessage());
                return !message.contains("API_KEY") && !message.contains("API key");
            }
        }
        return false;
    }

    /** Forgets everything remembered for this conversation. */
    public void forget(ConversationKey key) {
        store.deleteMessages(key.id());
        synchronized (unremembered) {
            unremembered.remove(key.id());
        }
    }

    /**
     * Forgets what this process keeps of {@code userId} outside the store: the questions {@code /retry} would ask
     * again, in every chat, and the recent files kept in memory (everyone's: the cache does not know whose they
     * are). (The stored conversations are deleted through {@link ConversationRetention}.)
     */
    public void forgetPendingQuestionsOf(long userId) {
        synchronized (unremembered) {
            unremembered.keySet().removeIf(id -> ConversationKey.parse(id).userId() == userId);
        }
        attachments.dropRecent();
    }

    /**
     * Notes a question whose answer was not remembered, for {@code /retry}; not when it was a retry of the last
     * remembered exchange, which stays what {@code /retry} asks again.
     */
    private void noteUnremembered(ConversationKey key, Question question, boolean replaceLast) {
        if (replaceLast) {
            return;
        }
        synchronized (unremembered) {
            unremembered.put(key.id(), question);
        }
    }

    /** The remembered exchanges of this conversation, oldest first; at most the memory window. */
    public List<Exchange> history(ConversationKey key) {
        List<ChatMessage> messages = remembered(key);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i + 1 < messages.size(); i++) {
            if (messages.get(i) instanceof UserMessage user && messages.get(i + 1) instanceof AiMessage ai) {
                Question question = Attachments.question(user);
                exchanges.add(new Exchange(question.text(), ai.text(),
                        question.attachments().stream().map(Attachment::label).toList()));
                i++;
            }
        }
        return exchanges;
    }

    /** What Gemini's {@code usageMetadata} said the call cost (the last call's, when it was retried). */
    private static Answer.Tokens tokens(ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        if (usage == null) {
            return Answer.Tokens.NONE;
        }
        return new Answer.Tokens(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
    }

    private static long orZero(Integer count) {
        return count == null || count < 0 ? 0 : count;
    }

    private static Answer.Ending ending(FinishReason finishReason) {
        if (finishReason == null) {
            return Answer.Ending.CUT_OFF; // only a stream can end without one: the connection ended early
        }
        return finishReason == FinishReason.LENGTH ? Answer.Ending.LENGTH_LIMIT : Answer.Ending.COMPLETE;
    }

    private List<ChatMessage> remembered(ConversationKey key) {
        return memoryExchanges == 0 ? List.of() : memory(key).messages();
    }

    private void remember(ConversationKey key, List<ChatMessage> remembered, UserMessage question, AiMessage answer) {
        if (memoryExchanges == 0) {
            return;
        }
        List<ChatMessage> updated = new ArrayList<>(remembered);
        updated.add(question);
        updated.add(answer);
        memory(key).set(updated); // one store write: the exchange is kept whole or not at all
    }

    private ChatMemory memory(ConversationKey key) {
        return MessageWindowChatMemory.builder()
                .id(key.id())
                .maxMessages(2 * memoryExchanges)
                .chatMemoryStore(store)
                .build();
    }
}
