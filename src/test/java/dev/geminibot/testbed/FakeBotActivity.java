package dev.geminibot.testbed;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** What the bot did at the fake Bot API, in order: calls, polls, messages, drafts, actions, refusals it got. */
final class FakeBotActivity {
    final List<FakeTelegram.Sent> sent = new CopyOnWriteArrayList<>();
    final List<Long> sentNanos = new CopyOnWriteArrayList<>();
    final List<FakeTelegram.Action> actions = new CopyOnWriteArrayList<>();
    final List<FakeTelegram.Draft> drafts = new CopyOnWriteArrayList<>();
    final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    final List<JsonNode> scopedCommands = new CopyOnWriteArrayList<>();
    final List<String> methodsCalled = new CopyOnWriteArrayList<>();
    final List<FakeTelegram.Poll> polls = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    volatile Consumer<FakeTelegram.Sent> onSent = sent -> { };
    volatile long firstGetUpdatesNanos;

    /** Records a message the bot sent (under the fake's message-id lock, so ids and order agree). */
    void recordSent(FakeTelegram.Sent message) {
        sent.add(message);
        sentNanos.add(System.nanoTime());
    }

    void recordPollArrived() {
        if (firstGetUpdatesNanos == 0) {
            firstGetUpdatesNanos = System.nanoTime();
        }
    }
}
