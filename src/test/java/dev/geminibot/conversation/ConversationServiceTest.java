package dev.geminibot.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationServiceTest {
    private static final ConversationKey ALICE = new ConversationKey(1, 1);
    private static final ConversationKey BOB = new ConversationKey(2, 2);

    private final InMemoryChatMemoryStore store = new InMemoryChatMemoryStore();
    private final RecordingModel model = new RecordingModel();

    @Test
    void sends_system_instruction_window_and_question_and_remembers_the_exchange() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("Be brief.", 2));
        service.ask(ALICE, "one");
        service.ask(ALICE, "two");
        service.ask(ALICE, "three");

        Answer answer = service.ask(ALICE, "four");

        assertThat(answer).isEqualTo(new Answer.Reply("re: four", Answer.Ending.COMPLETE));
        assertThat(model.requests.get(3)).containsExactly(SystemMessage.from("Be brief."),
                UserMessage.from("two"), AiMessage.from("re: two"),
                UserMessage.from("three"), AiMessage.from("re: three"),
                UserMessage.from("four"));
        assertThat(service.history(ALICE)).containsExactly(new Exchange("three", "re: three"), new Exchange("four", "re: four"));
    }

    @Test
    void leaves_memory_untouched_when_the_model_fails() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));
        service.ask(ALICE, "kept");
        model.reply = request -> {
            throw new RateLimitException("quota");
        };

        Answer answer = service.ask(ALICE, "lost");

        assertThat(answer).isEqualTo(new Answer.Failure(ModelFailure.BUSY));
        assertThat(service.history(ALICE)).containsExactly(new Exchange("kept", "re: kept"));
    }

    @Test
    void does_not_remember_a_declined_or_empty_answer() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));
        model.reply = request -> ChatResponse.builder().aiMessage(AiMessage.from("partial"))
                .finishReason(FinishReason.CONTENT_FILTER).build();

        assertThat(service.ask(ALICE, "bad")).isEqualTo(new Answer.Failure(ModelFailure.DECLINED));
        assertThat(service.history(ALICE)).isEmpty();
    }

    @Test
    void records_alongside_only_on_success_and_inside_the_exchanges_transaction() {
        java.util.List<String> events = new ArrayList<>();
        Transactions recording = writes -> {
            events.add("begin");
            writes.run();
            events.add("commit");
        };
        ConversationService service = new ConversationService(model, store, recording, settings("sys", 3));

        service.ask(ALICE, "ok", reply -> events.add("recorded " + reply.text()));
        model.reply = request -> {
            throw new RateLimitException("quota");
        };
        service.ask(ALICE, "fails", reply -> events.add("recorded " + reply.text()));

        assertThat(events).containsExactly("begin", "recorded re: ok", "commit");
    }

    @Test
    void flags_an_answer_cut_at_the_length_limit() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));
        model.reply = request -> ChatResponse.builder().aiMessage(AiMessage.from("half"))
                .finishReason(FinishReason.LENGTH).build();

        assertThat(service.ask(ALICE, "long")).isEqualTo(new Answer.Reply("half", Answer.Ending.LENGTH_LIMIT));
    }

    @Test
    void records_but_not_remember_an_answer_that_ended_without_a_finish_reason() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));
        model.reply = request -> ChatResponse.builder().aiMessage(AiMessage.from("frag")).build();
        List<Answer.Reply> recorded = new ArrayList<>();

        assertThat(service.ask(ALICE, "q", recorded::add)).isEqualTo(new Answer.Reply("frag", Answer.Ending.CUT_OFF));
        assertThat(recorded).hasSize(1);
        assertThat(service.history(ALICE)).isEmpty();
    }

    @Test
    void remembers_nothing_when_the_recorder_finds_the_reply_empty() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));

        assertThat(service.ask(ALICE, "q", reply -> false)).isEqualTo(new Answer.Failure(ModelFailure.EMPTY));
        assertThat(service.history(ALICE)).isEmpty();
    }

    @Test
    void keeps_conversations_apart_and_forgets_only_one() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 3));
        service.ask(ALICE, "alice");
        service.ask(BOB, "bob");

        service.forget(ALICE);

        assertThat(service.history(ALICE)).isEmpty();
        assertThat(service.history(BOB)).containsExactly(new Exchange("bob", "re: bob"));
    }

    @Test
    void remembers_nothing_with_a_zero_window() {
        ConversationService service = new ConversationService(model, store, Transactions.NONE, settings("sys", 0));
        service.ask(ALICE, "one");
        service.ask(ALICE, "two");

        assertThat(model.requests.get(1)).containsExactly(SystemMessage.from("sys"), UserMessage.from("two"));
        assertThat(store.getMessages(ALICE.id())).isEmpty();
    }

    /** A hand-written fake of LangChain4j's model port: records requests, answers "re: question". */
    private static ConversationSettings settings(String systemInstruction, int memoryExchanges) {
        return ConversationSettings.builder().systemInstruction(systemInstruction).memoryExchanges(memoryExchanges)
                .maxConcurrentRequests(4).maxQueue(100).build();
    }

    private static final class RecordingModel implements ChatModel {
        final List<List<ChatMessage>> requests = new ArrayList<>();
        Function<ChatRequest, ChatResponse> reply = request -> ChatResponse.builder()
                .aiMessage(AiMessage.from("re: " + ((UserMessage) request.messages().getLast()).singleText()))
                .finishReason(FinishReason.STOP).build();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(List.copyOf(request.messages()));
            return reply.apply(request);
        }
    }
}
