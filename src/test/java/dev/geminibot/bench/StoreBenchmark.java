package dev.geminibot.bench;

import dev.geminibot.store.MapDbChatMemoryStore;
import dev.geminibot.store.MapDbDatabase;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * JMH micro-benchmark of the conversation store as the bot uses it: append one exchange to a conversation
 * (read, add two messages, trim to the window, write, group commit) and read a window.
 */
@State(Scope.Benchmark)
public class StoreBenchmark {
    private static final int CONVERSATIONS = 10_000;
    private static final int WINDOW = 6;

    private Path dir;
    private MapDbDatabase database;
    private MapDbChatMemoryStore store;

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("jmh-store");
        database = MapDbDatabase.open(dir);
        store = new MapDbChatMemoryStore(database);
        for (int batch = 0; batch < CONVERSATIONS / 1000; batch++) {
            int from = batch * 1000;
            database.atomically(() -> {
                for (int user = from; user < from + 1000; user++) {
                    store.updateMessages(key(user), exchange(user, 0));
                }
            });
        }
        store.deleteMessages("nobody"); // a waiting write: makes the batches above durable
    }

    @TearDown
    public void close() {
        database.close();
    }

    @Benchmark
    public void appendExchangeAndCommit() {
        int user = ThreadLocalRandom.current().nextInt(CONVERSATIONS);
        List<ChatMessage> messages = new ArrayList<>(store.getMessages(key(user)));
        messages.addAll(exchange(user, messages.size()));
        store.updateMessages(key(user), messages.subList(Math.max(0, messages.size() - WINDOW), messages.size()));
    }

    @Benchmark
    public List<ChatMessage> readWindow() {
        return store.getMessages(key(ThreadLocalRandom.current().nextInt(CONVERSATIONS)));
    }

    private static String key(int user) {
        return user + ":" + user;
    }

    private static List<ChatMessage> exchange(int user, int n) {
        return List.of(UserMessage.from("Question " + n + " from user " + user + ": what is the weather like today?"),
                AiMessage.from("Answer " + n + ": it is sunny with a light breeze, around 21 degrees, and no rain expected."));
    }
}
