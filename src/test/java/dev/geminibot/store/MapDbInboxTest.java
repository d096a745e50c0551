package dev.geminibot.store;

import dev.geminibot.delivery.Inbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MapDbInboxTest {
    @TempDir
    Path dataDir;

    @Test
    void keeps_pending_requests_in_id_order_with_their_progress_across_reopening() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbInbox inbox = new MapDbInbox(database);
            Map<Long, String> batch = new LinkedHashMap<>();
            batch.put(12L, "{\"update_id\":12}");
            batch.put(10L, "{\"update_id\":10}");
            batch.put(11L, "{\"update_id\":11}");
            inbox.accept(batch, 13);
            inbox.answered(10, "line one\nline two <b>x</b>");
            inbox.progress(10, 2);
            inbox.done(11);
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbInbox inbox = new MapDbInbox(database);
            assertThat(inbox.watermark()).isEqualTo(13);
            assertThat(inbox.pending()).containsExactly(
                    new Inbox.Entry(10, "{\"update_id\":10}", "line one\nline two <b>x</b>", 2),
                    new Inbox.Entry(12, "{\"update_id\":12}", null, 0));
        }
    }

    @Test
    void the_watermark_follows_the_latest_batch_even_downwards_and_updates_of_unknown_ids_are_ignored() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbInbox inbox = new MapDbInbox(database);
            inbox.accept(Map.of(5L, "a"), 5);
            inbox.accept(Map.of(), 3); // Telegram restarted its update ids lower
            inbox.answered(99, "nobody asked");
            inbox.done(98);

            assertThat(inbox.watermark()).isEqualTo(3);
            assertThat(inbox.pending()).extracting(Inbox.Entry::id).containsExactly(5L);
        }
    }

    @Test
    void counts_pending_requests_without_reading_them_across_reopening() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbInbox inbox = new MapDbInbox(database);
            inbox.accept(Map.of(1L, "{}", 2L, "{}", 3L, "{}"), 3).awaitDurable();
            inbox.accept(Map.of(3L, "{}"), 3).awaitDurable(); // the same request again: counted once
            inbox.done(2);

            assertThat(inbox.pendingCount()).isEqualTo(2);
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbInbox inbox = new MapDbInbox(database);
            assertThat(inbox.pendingCount()).isEqualTo(2);
            inbox.forget(entry -> entry.id() == 1);
            assertThat(inbox.pendingCount()).isEqualTo(1);
        }
    }
}
