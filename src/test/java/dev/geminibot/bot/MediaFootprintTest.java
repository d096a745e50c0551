package dev.geminibot.bot;

import dev.geminibot.conversation.ConversationKey;
import dev.geminibot.store.MapDbChatMemoryStore;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeFiles;
import dev.langchain4j.data.message.ChatMessageSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.geminibot.bot.MediaTest.bytes;
import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a file costs: bytes in the store per exchange (a reference, whatever the file's size) and bytes sent to
 * Gemini for a follow-up question while the file is in the memory window. Prints the figures published in
 * docs/benchmarks.md ("Media").
 */
class MediaFootprintTest {
    private static final int PHOTO_BYTES = 1 << 20;

    @RegisterExtension
    final BotExtension bot = BotExtension.started();

    @Test
    void a_photo_exchange_stores_a_reference_of_a_few_hundred_bytes_and_a_follow_up_resends_the_photo() throws Exception {
        FakeFiles files = bot.telegram.files();
        bot.telegram.privateMedia(ALICE, files.photo(bytes(PHOTO_BYTES, 41)), "What is in this picture?");
        bot.awaitSent(ALICE, 1);
        bot.ask(ALICE, "And what colour is it?");
        bot.ask(BOB, "What is in this picture?");
        bot.ask(BOB, "And what colour is it?");
        long photoFollowUp = bot.gemini.requestSizes().get(1);
        long textFollowUp = bot.gemini.requestSizes().get(3);
        bot.stop();

        long photoExchange;
        long textExchange;
        try (MapDbDatabase database = MapDbDatabase.open(bot.dataDir())) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            photoExchange = firstExchange(store, ALICE).length();
            textExchange = firstExchange(store, BOB).length();
        }

        System.out.printf("MEDIA FIGURES: store per exchange: photo %d B, text %d B; request for a follow-up: "
                        + "after a %d B photo %d B, after text %d B%n",
                photoExchange, textExchange, PHOTO_BYTES, photoFollowUp, textFollowUp);
        assertThat(photoExchange).isLessThan(textExchange + 400);
        assertThat(photoFollowUp).isGreaterThan(PHOTO_BYTES * 4L / 3).isLessThan(PHOTO_BYTES * 4L / 3 + 4000);
    }

    /** The stored JSON of the conversation's first question and answer. */
    private static String firstExchange(MapDbChatMemoryStore store, long user) {
        return ChatMessageSerializer.messagesToJson(
                List.copyOf(store.getMessages(new ConversationKey(user, user).id()).subList(0, 2)));
    }
}
