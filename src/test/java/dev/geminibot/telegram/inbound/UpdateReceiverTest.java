package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.delivery.ConversationLanes;
import dev.geminibot.delivery.Inbox;
import dev.geminibot.delivery.Intake;
import dev.geminibot.requests.Albums;
import dev.geminibot.requests.BotIdentity;
import dev.geminibot.requests.Commands;
import dev.geminibot.requests.Incoming;
import dev.geminibot.requests.RequestHandler;
import dev.geminibot.requests.UserRateLimiter;
import dev.geminibot.store.MapDbDatabase;
import dev.geminibot.store.MapDbInbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class UpdateReceiverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MapDbDatabase database = MapDbDatabase.inMemory();
    private final MapDbInbox inbox = new MapDbInbox(database);
    private final ConversationLanes lanes = new ConversationLanes();
    private final RequestHandler handler = mock(RequestHandler.class); // a seam we own: what reaches the handler
    private final UpdateReceiver receiver = new UpdateReceiver(
            new MessageInterpreter(new BotIdentity(1, "bot"), new Commands()), handler, new Intake(inbox, lanes),
            new UserRateLimiter(0, Duration.ofMinutes(1)), new Albums(Duration.ofMillis(1500)));

    @AfterEach
    void close() {
        lanes.close();
        database.close();
    }

    @Test
    void records_requests_before_handing_them_on_whatever_their_ids() throws Exception {
        inbox.accept(Map.of(), 10); // updates up to 10 were recorded by an earlier run, before Telegram restarted ids

        receiver.take(List.of(update(9, "after the restart"), update(10, "next")));
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(handled()).extracting(Incoming::updateId).containsExactly(9L, 10L);
        assertThat(inbox.pending()).extracting(Inbox.Entry::id).containsExactly(9L, 10L);
    }

    @Test
    void a_re_delivery_of_a_request_the_last_run_left_pending_is_not_handled_twice() throws Exception {
        inbox.accept(Map.of(11L, update(11, "recorded, not confirmed").json()), 11).awaitDurable();
        receiver.resume();

        receiver.take(List.of(update(11, "recorded, not confirmed"), update(12, "new")));
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();

        verify(handler).resume(any(), any(), org.mockito.ArgumentMatchers.anyInt());
        assertThat(handled()).extracting(Incoming::updateId).containsExactly(12L);
    }

    @Test
    void a_batch_it_cannot_record_makes_consume_throw_so_that_it_is_not_confirmed() throws Exception {
        receiver.stopAccepting();

        assertThatThrownBy(() -> receiver.take(List.of(update(13, "while stopping"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(inbox.pending()).isEmpty();
    }

    private List<Incoming> handled() {
        ArgumentCaptor<Incoming> handled = ArgumentCaptor.forClass(Incoming.class);
        verify(handler, atLeast(0)).handle(handled.capture(), any());
        return handled.getAllValues();
    }

    @Test
    void a_batch_that_cannot_be_read_never_escapes_into_the_poller() {
        Update broken = new Update();
        broken.setUpdateId(20);

        receiver.take(List.of(new PolledUpdate(broken, "{\"update_id\":20}")));

        assertThat(inbox.pending()).isEmpty();
    }

    private static PolledUpdate update(int id, String text) throws Exception {
        String json = """
                {"update_id": %d, "message": {"message_id": %d, "date": 1700000000,
                 "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "text": "%s"}}""".formatted(id, id, text);
        return new PolledUpdate(JSON.readValue(json, Update.class), json);
    }

    @Test
    void forgetting_a_user_removes_their_recorded_requests_from_every_chat_and_nobody_elses() {
        try (MapDbDatabase database = MapDbDatabase.inMemory()) {
            MapDbInbox inbox = new MapDbInbox(database);
            inbox.accept(Map.of(
                    1L, update(1, 1001, 1001), // Alice, private
                    2L, update(2, -100123, 1001), // Alice, a group
                    3L, update(3, -100123, 1002), // Bob, the same group
                    4L, update(4, 1001, 1001), // Alice's /forget itself
                    5L, "{\"update_id\":5,\"my_chat_member\":{}}"), 5).awaitDurable();

            int forgotten = inbox.forget(entry -> entry.id() != 4
                    && UpdateReceiver.senderOf(entry).stream().anyMatch(sender -> sender == 1001));

            assertThat(forgotten).isEqualTo(2);
            assertThat(inbox.pending()).extracting(Inbox.Entry::id).containsExactly(3L, 4L, 5L);
        }
    }

    private static String update(long id, long chatId, long userId) {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + ",\"date\":1700000000,"
                + "\"chat\":{\"id\":" + chatId + ",\"type\":\"" + (chatId > 0 ? "private" : "supergroup") + "\"},"
                + "\"from\":{\"id\":" + userId + ",\"is_bot\":false,\"first_name\":\"U\"},\"text\":\"hi\"}}";
    }
}
