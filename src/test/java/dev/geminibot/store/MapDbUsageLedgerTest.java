package dev.geminibot.store;

import dev.geminibot.requests.UsageLedger.Totals;
import dev.geminibot.requests.UsageLedger.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MapDbUsageLedgerTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @TempDir
    Path dataDir;

    @Test
    void should_start_each_day_afresh_and_keep_the_totals_across_a_restart() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbUsageLedger ledger = new MapDbUsageLedger(database);
            ledger.count(1, MONDAY, 15);
            ledger.count(1, MONDAY, 10);
            ledger.count(2, MONDAY, 7);
            ledger.count(1, TUESDAY, 5);
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbUsageLedger ledger = new MapDbUsageLedger(database);

            assertThat(ledger.of(1, TUESDAY)).isEqualTo(new Usage(1, 5, 3, 30));
            assertThat(ledger.of(2, TUESDAY)).isEqualTo(new Usage(0, 0, 1, 7));
            assertThat(ledger.of(3, TUESDAY)).isEqualTo(Usage.NONE);
            assertThat(ledger.totals(TUESDAY)).isEqualTo(new Totals(2, 1, 1, 5, 4, 37));
        }
    }

    @Test
    void should_forget_a_user_entirely() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbUsageLedger ledger = new MapDbUsageLedger(database);
            ledger.count(1, MONDAY, 15);
            ledger.count(2, MONDAY, 15);

            ledger.forget(1);

            assertThat(ledger.of(1, MONDAY)).isEqualTo(Usage.NONE);
            assertThat(ledger.totals(MONDAY).users()).isEqualTo(1);
        }
    }

    @Test
    void should_count_with_the_writes_of_the_enclosing_transaction() {
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            MapDbUsageLedger ledger = new MapDbUsageLedger(database);
            database.atomically(() -> ledger.count(1, MONDAY, 3));
            database.write(() -> { }); // the next waiting write commits it
        }
        try (MapDbDatabase database = MapDbDatabase.open(dataDir)) {
            assertThat(new MapDbUsageLedger(database).of(1, MONDAY).messagesToday()).isEqualTo(1);
        }
    }
}
