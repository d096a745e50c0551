package dev.geminibot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminibot.conversation.ConversationLanes;
import dev.geminibot.conversation.Inbox;
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
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class UpdateReceiverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MapDbDatabase database = MapDbDatabase.inMemory();
    private final MapDbInbox inbox = new MapDbInbox(database);
    private final ConversationLanes lanes = new ConversationLanes();
    private final ChatHandler handler = mock(ChatHandler.class); // a seam we own: what reaches the handler
    private final UpdateReceiver receiver = new UpdateReceiver(
            new MessageInterpreter(new BotIdentity(1, "bot")), handler, lanes, inbox, 0, java.time.Duration.ofMinutes(1));

    @AfterEach
    void close() {
        lanes.close();
        database.close();
    }

    @Test
    void records_new_requests_before_handing_them_on_and_ignores_re_deliveries() throws Exception {
        inbox.accept(Map.of(), 10); // updates up to 10 were taken in by an earlier run

        receiver.consume(List.of(update(9, "old"), update(10, "old"), update(11, "new"), update(12, "newer")));
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();

        ArgumentCaptor<Incoming> handled = ArgumentCaptor.forClass(Incoming.class);
        verify(handler, atLeast(1)).handle(handled.capture(), org.mockito.ArgumentMatchers.any());
        assertThat(handled.getAllValues()).extracting(Incoming::updateId).containsExactly(11L, 12L);
        assertThat(inbox.watermark()).isEqualTo(12);
        assertThat(inbox.pending()).extracting(Inbox.Entry::id).containsExactly(11L, 12L);
    }

    @Test
    void a_batch_that_cannot_be_read_never_escapes_into_the_poller() {
        Update broken = new Update();
        broken.setUpdateId(20);

        receiver.consume(List.of(broken));

        assertThat(inbox.pending()).isEmpty();
    }

    private static Update update(int id, String text) throws Exception {
        return JSON.readValue("""
                {"update_id": %d, "message": {"message_id": %d, "date": 1700000000,
                 "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "text": "%s"}}""".formatted(id, id, text), Update.class);
    }
}
