package dev.geminibot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBException;
import org.mapdb.Serializer;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapDbDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void should_report_a_damaged_store_once_instead_of_retrying_for_ever() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            AtomicInteger reports = new AtomicInteger();
            database.whenDamaged(reports::incrementAndGet);

            assertThatThrownBy(() -> database.write(() -> {
                throw new DBException.PointerChecksumBroken(); // what MapDB throws on a damaged index page
            })).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("The conversation store is damaged");

            assertThat(reports).hasValue(1);
        }
    }

    @Test
    void should_pass_on_an_error_of_the_caller_without_calling_the_store_damaged() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            AtomicInteger reports = new AtomicInteger();
            database.whenDamaged(reports::incrementAndGet);

            assertThatThrownBy(() -> database.write(() -> {
                throw new IllegalArgumentException("a bug of ours");
            })).isInstanceOf(IllegalArgumentException.class);

            assertThat(reports).hasValue(0);
        }
    }

    @Test
    void should_keep_collections_usable_and_writes_durable_across_reopening() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            var map = database.collection(db -> db.hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen());
            database.write(() -> map.get().put("k", "v"));
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            var map = database.collection(db -> db.hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen());
            assertThat(database.read(() -> map.get().get("k"))).isEqualTo("v");
        }
    }
}
