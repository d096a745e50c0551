package dev.geminibot.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapDbChatMemoryStoreTest {
    private static final String GROUP_MEMBER = "-1001234567890:9007199254740993";
    private static final List<ChatMessage> EXCHANGE = List.of(UserMessage.from("hi"), AiMessage.from("hello"));

    @TempDir
    Path dataDir;

    @Test
    void returns_an_empty_mutable_list_for_an_unknown_conversation() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            List<ChatMessage> messages = new MapDbChatMemoryStore(database).getMessages("1:1");
            assertThat(messages).isEmpty();
            messages.add(UserMessage.from("the caller may change it"));
        }
    }

    @Test
    void keeps_messages_across_reopening_with_64_bit_and_negative_ids() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            new MapDbChatMemoryStore(database).updateMessages(GROUP_MEMBER, EXCHANGE);
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            assertThat(store.getMessages(GROUP_MEMBER)).isEqualTo(EXCHANGE);
            assertThat(store.getMessages("-1001234567890:1")).isEmpty();
        }
    }

    @Test
    void stores_langchain4j_json_not_java_serialization() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            new MapDbChatMemoryStore(database).updateMessages("5:5", EXCHANGE);
        }
        var db = DBMaker.fileDB(dataDir.resolve(MapDbDatabase.FILE_NAME).toFile()).transactionEnable().make();
        try (db) {
            String json = db.hashMap("conversations", Serializer.STRING, Serializer.STRING).open().get("5:5");
            assertThat(json).startsWith("[{").contains("\"type\":\"USER\"").contains("hello");
        }
    }

    @Test
    void forgets_a_deleted_conversation_only() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            store.updateMessages("1:1", EXCHANGE);
            store.updateMessages("2:2", EXCHANGE);
            store.deleteMessages("1:1");
            assertThat(store.getMessages("1:1")).isEmpty();
            assertThat(store.getMessages("2:2")).isEqualTo(EXCHANGE);
        }
    }

    @Test
    void starts_afresh_when_a_stored_entry_is_unreadable() {
        var db = DBMaker.fileDB(dataDir.resolve(MapDbDatabase.FILE_NAME).toFile()).transactionEnable().make();
        db.hashMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen().put("3:3", "{not json");
        db.commit();
        db.close();

        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            assertThat(store.getMessages("3:3")).isEmpty();
            store.updateMessages("3:3", EXCHANGE);
            assertThat(store.getMessages("3:3")).isEqualTo(EXCHANGE);
        }
    }

    @Test
    void refuses_a_second_opener_of_the_same_data_directory_at_once() {
        try (MapDbDatabase ignored = MapDbDatabase.open(dataDir)) {
            assertThatThrownBy(() -> MapDbDatabase.open(dataDir))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another gemini-telegram-bot process");
        }
    }

    @Test
    void fails_clearly_when_used_after_close() {
        MapDbDatabase database = MapDbDatabase.open(dataDir);
        MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
        database.close();
        assertThatThrownBy(() -> store.updateMessages("1:1", EXCHANGE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.getMessages("1:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrent_writers_share_commits_and_every_write_is_durable_when_it_returns() throws Exception {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            try (var writers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int user = 0; user < 50; user++) {
                    String key = user + ":" + user;
                    writers.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            store.updateMessages(key, List.of(UserMessage.from("q" + i), AiMessage.from("a" + i)));
                        }
                    });
                }
            }
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            assertThat(store.size()).isEqualTo(50);
            for (int user = 0; user < 50; user++) {
                assertThat(store.getMessages(user + ":" + user)).containsExactly(UserMessage.from("q19"), AiMessage.from("a19"));
            }
        }
    }

    @Test
    void each_read_of_a_window_is_the_callers_own_list() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            store.updateMessages("1:1", EXCHANGE);

            store.getMessages("1:1").add(UserMessage.from("not stored"));
            List<ChatMessage> read = store.getMessages("1:1");
            read.removeFirst();

            assertThat(store.getMessages("1:1")).isEqualTo(EXCHANGE);
        }
    }

    @Test
    void forgetting_a_user_and_expiry_reach_windows_read_a_moment_ago() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database, clock);
            store.updateMessages("1:7", EXCHANGE);
            store.updateMessages("-5:7", EXCHANGE);
            store.updateMessages("2:2", EXCHANGE);
            now.addAndGet(60_000);
            store.updateMessages("3:3", EXCHANGE);
            List.of("1:7", "-5:7", "2:2", "3:3").forEach(store::getMessages);

            assertThat(store.deleteConversationsOf(7)).isEqualTo(2);
            assertThat(store.deleteIdleSince(Instant.ofEpochMilli(now.get() - 1))).isEqualTo(1);

            assertThat(store.getMessages("1:7")).isEmpty();
            assertThat(store.getMessages("-5:7")).isEmpty();
            assertThat(store.getMessages("2:2")).isEmpty();
            assertThat(store.getMessages("3:3")).isEqualTo(EXCHANGE);
        }
    }

    @Test
    void writes_inside_atomically_become_durable_together() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbChatMemoryStore store = new MapDbChatMemoryStore(database);
            MapDbInbox inbox = new MapDbInbox(database);
            inbox.accept(java.util.Map.of(7L, "payload"), 7);
            database.atomically(() -> {
                store.updateMessages("1:1", EXCHANGE);
                inbox.answered(7, "reply");
            });
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            assertThat(new MapDbChatMemoryStore(database).getMessages("1:1")).isEqualTo(EXCHANGE);
            assertThat(new MapDbInbox(database).pending()).extracting(e -> e.reply()).containsExactly("reply");
        }
    }
}
