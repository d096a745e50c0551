package dev.geminibot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBException;
import org.mapdb.Serializer;

import dev.geminibot.testbed.SmallDisk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
    void should_redo_nested_writes_after_a_full_disk_once_space_returns(@TempDir Path mountPoint) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(mountPoint, "4m");
             MapDbDatabase database = MapDbDatabase.open(disk.path().resolve("data"))) {
            var map = database.collection(db -> db.hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen());
            disk.fill();
            Thread writer = Thread.ofVirtual().start(() -> database.atomically(() -> {
                database.write(() -> map.get().put("a", "1")); // nested: applied again, with its block, after a reopen
                database.write(() -> map.get().put("b", "2"));
            }));
            Thread committer = Thread.ofVirtual().start(() -> database.write(() -> map.get().put("c", "3")));
            await().atMost(Duration.ofSeconds(5)).until(() -> committer.getState() == Thread.State.WAITING
                    || committer.getState() == Thread.State.TIMED_WAITING);

            disk.free();
            committer.join(Duration.ofSeconds(20));
            writer.join(Duration.ofSeconds(20));

            assertThat(committer.isAlive()).isFalse();
            assertThat(database.read(() -> map.get().get("a") + map.get().get("b") + map.get().get("c"))).isEqualTo("123");
        }
    }

    @Test
    void should_apply_a_change_once_when_the_commit_that_failed_is_completed_from_its_redo_log(@TempDir Path mountPoint)
            throws Exception {
        try (SmallDisk disk = SmallDisk.mount(mountPoint, "4m");
             MapDbDatabase database = MapDbDatabase.open(disk.path().resolve("data"))) {
            var map = database.collection(db -> db.hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen());
            database.write(() -> map.get().put("n", "0"));
            disk.fill();
            disk.release(512 * 1024); // room for the next commit's redo log, not for copying it into the file too
            String big = "x".repeat(300_000);
            Thread writer = Thread.ofVirtual().start(() -> database.write(() -> { // a read-modify-write, as usage counts
                map.get().put("n", String.valueOf(Integer.parseInt(map.get().get("n")) + 1));
                map.get().put("big", big);
            }));
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.getState() == Thread.State.WAITING
                    || writer.getState() == Thread.State.TIMED_WAITING);

            disk.free();
            writer.join(Duration.ofSeconds(20));

            assertThat(writer.isAlive()).isFalse();
            assertThat(database.read(() -> map.get().get("n"))).isEqualTo("1");
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
