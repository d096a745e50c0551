package dev.geminibot.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminibot.testbed.BotExtension;
import dev.geminibot.testbed.FakeTelegram;
import dev.geminibot.testbed.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.geminibot.testbed.People.ALICE;
import static dev.geminibot.testbed.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/** Every message is answered exactly once, whatever Telegram does with update ids and however a batch looks. */
class UpdateDeliveryTest {
    /** Far below the fake's first id, as Telegram's random restart usually is. */
    private static final int RESTARTED_ID = 5_000;

    @RegisterExtension
    final BotExtension bot = BotExtension.started();
    private final LogCapture logs = new LogCapture();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void update_ids_restarting_below_the_watermark_while_running_are_each_answered_once() throws Exception {
        bot.ask(ALICE, "one");
        bot.ask(ALICE, "two");
        bot.settle();

        bot.telegram.restartIdsAt(RESTARTED_ID);
        assertThat(bot.ask(ALICE, "after a quiet week")).isEqualTo("Answer to: after a quiet week");
        bot.telegram.privateTextsInOneBatch(BOB, "three", "four");
        assertThat(bot.ask(ALICE, "and later")).isEqualTo("Answer to: and later");
        bot.settle();

        assertThat(texts(ALICE)).containsExactly("Answer to: one", "Answer to: two", "Answer to: after a quiet week",
                "Answer to: and later");
        assertThat(texts(BOB)).containsExactly("Answer to: three", "Answer to: four");
        assertThat(logs.count("Telegram restarted update ids below")).isEqualTo(1);
    }

    @Test
    void update_ids_restarting_lower_while_the_bot_is_stopped_are_answered_once_after_it_starts() throws Exception {
        bot.ask(ALICE, "before");
        bot.settle();
        bot.stop();

        bot.telegram.restartIdsAt(RESTARTED_ID);
        bot.telegram.privateText(ALICE, "while it was stopped");
        bot.start();
        bot.awaitSent(ALICE, 2);
        bot.telegram.privateText(ALICE, "after");
        bot.awaitSent(ALICE, 3);
        bot.settle();

        assertThat(texts(ALICE)).containsExactly("Answer to: before", "Answer to: while it was stopped", "Answer to: after");
    }

    @Test
    void the_same_update_twice_in_one_batch_is_answered_once() throws Exception {
        bot.telegram.privateTextTwiceInOneBatch(ALICE, "said once, delivered twice");
        bot.awaitSent(ALICE, 1);
        assertThat(bot.ask(ALICE, "next")).isEqualTo("Answer to: next");
        bot.settle();

        assertThat(texts(ALICE)).containsExactly("Answer to: said once, delivered twice", "Answer to: next");
    }

    @Test
    void an_update_the_client_cannot_read_is_skipped_once_and_the_rest_of_its_batch_is_answered() throws Exception {
        ObjectNode unreadable = bot.telegram.message(FakeTelegram.privateChat(BOB), FakeTelegram.user(BOB), "broken");
        unreadable.put("chat", "not an object"); // telegrambots expects a Chat object here
        ObjectNode update = bot.json().createObjectNode();
        update.set("message", unreadable);
        int[] unreadableId = new int[1];

        bot.telegram.inOneBatch(() -> {
            bot.telegram.privateText(ALICE, "first");
            unreadableId[0] = bot.telegram.sendRawUpdate(update);
            bot.telegram.privateText(ALICE, "second");
        });
        bot.awaitSent(ALICE, 2);
        bot.settle(); // Telegram was told to forget the whole batch, the unreadable update included

        assertThat(texts(ALICE)).containsExactly("Answer to: first", "Answer to: second");
        assertThat(logs.count("Skipping update " + unreadableId[0])).isEqualTo(1);
        assertThat(bot.telegram.polls().stream().filter(poll -> poll.offset() <= unreadableId[0]).count())
                .as("polls that could still fetch the unreadable update").isLessThanOrEqualTo(2);
    }

    private java.util.List<String> texts(long chatId) {
        return bot.telegram.sentTo(chatId).stream().map(FakeTelegram.Sent::text).toList();
    }
}
