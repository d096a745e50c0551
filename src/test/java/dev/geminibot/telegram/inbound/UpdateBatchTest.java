package dev.geminibot.telegram.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_next_offset_is_the_highest_id_plus_one() throws Exception {
        UpdateBatch batch = UpdateBatch.read(result(update(41, 1), update(42, 2)), JSON, 41);

        assertThat(batch.updates()).extracting(polled -> polled.update().getUpdateId()).containsExactly(41, 42);
        assertThat(batch.nextOffset()).isEqualTo(43);
        assertThat(batch.idsRestarted()).isFalse();
    }

    @Test
    void an_empty_batch_keeps_the_offset() throws Exception {
        UpdateBatch batch = UpdateBatch.read(result(), JSON, 41);

        assertThat(batch.updates()).isEmpty();
        assertThat(batch.nextOffset()).isEqualTo(41);
    }

    @Test
    void an_unreadable_update_is_skipped_but_confirmed_with_the_rest() throws Exception {
        String unreadable = """
                {"update_id": 42, "message": {"message_id": 2, "date": 1700000000, "chat": "not an object",
                 "from": {"id": 5, "is_bot": false, "first_name": "A"}, "text": "x"}}""";

        UpdateBatch batch = UpdateBatch.read(result(update(41, 1), unreadable, update(43, 3)), JSON, 41);

        assertThat(batch.updates()).extracting(polled -> polled.update().getUpdateId()).containsExactly(41, 43);
        assertThat(batch.nextOffset()).isEqualTo(44);
    }

    @Test
    void a_second_copy_of_an_update_id_is_dropped() throws Exception {
        UpdateBatch batch = UpdateBatch.read(result(update(41, 1), update(41, 1), update(42, 2)), JSON, 41);

        assertThat(batch.updates()).extracting(polled -> polled.update().getUpdateId()).containsExactly(41, 42);
    }

    @Test
    void ids_below_the_offset_asked_for_mean_telegram_restarted_them_and_the_offset_follows() throws Exception {
        UpdateBatch batch = UpdateBatch.read(result(update(7_000, 1), update(7_001, 2)), JSON, 900_000_001);

        assertThat(batch.idsRestarted()).isTrue();
        assertThat(batch.updates()).hasSize(2);
        assertThat(batch.nextOffset()).isEqualTo(7_002);
    }

    private static JsonNode result(String... updates) throws Exception {
        return JSON.readTree("[" + String.join(",", updates) + "]");
    }

    private static String update(int id, int messageId) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1700000000,
                 "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "text": "hi"}}""".formatted(id, messageId);
    }
}
