package dev.geminibot.store;

import dev.geminibot.requests.UsageLedger;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

import java.time.LocalDate;

/**
 * {@link UsageLedger} in the bot's MapDB file: one entry per user, {@code day messagesToday tokensToday
 * messagesTotal tokensTotal} as a plain string, so the store grows with the users, not with the days. A count on
 * a new day starts that day's figures afresh. Writes join the enclosing {@link MapDbDatabase#atomically} block.
 */
public final class MapDbUsageLedger implements UsageLedger {
    private final MapDbDatabase database;
    private final MapDbDatabase.Handle<HTreeMap<Long, String>> usage;

    public MapDbUsageLedger(MapDbDatabase database) {
        this.database = database;
        this.usage = database.collection(db -> db.hashMap("usage", Serializer.LONG, Serializer.STRING).createOrOpen());
    }

    @Override
    public void count(long userId, LocalDate day, long tokens) {
        // a read-modify-write inside the write: applied again on the reopened store after a failed commit
        database.write(() -> {
            Entry before = Entry.decode(usage.get().get(userId));
            usage.get().put(userId, before.plus(day, tokens).encode());
        });
    }

    @Override
    public Usage of(long userId, LocalDate day) {
        return Entry.decode(database.read(() -> usage.get().get(userId))).asOf(day);
    }

    @Override
    public Totals totals(LocalDate day) {
        return database.read(() -> {
            long users = 0;
            long usersToday = 0;
            long messagesToday = 0;
            long tokensToday = 0;
            long messagesTotal = 0;
            long tokensTotal = 0;
            for (String value : usage.get().getValues()) {
                Usage counts = Entry.decode(value).asOf(day);
                users++;
                usersToday += counts.messagesToday() > 0 ? 1 : 0;
                messagesToday += counts.messagesToday();
                tokensToday += counts.tokensToday();
                messagesTotal += counts.messagesTotal();
                tokensTotal += counts.tokensTotal();
            }
            return new Totals(users, usersToday, messagesToday, tokensToday, messagesTotal, tokensTotal);
        });
    }

    @Override
    public void forget(long userId) {
        database.write(() -> usage.get().remove(userId));
    }

    private record Entry(LocalDate day, long messagesToday, long tokensToday, long messagesTotal, long tokensTotal) {
        private static final Entry NONE = new Entry(LocalDate.EPOCH, 0, 0, 0, 0);

        static Entry decode(String value) {
            if (value == null) {
                return NONE;
            }
            String[] parts = value.split(" ");
            return new Entry(day(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        }

        /** {@code LocalDate.parse} by hand for the form {@code encode} writes: the formatter was most of a decode. */
        private static LocalDate day(String iso) {
            if (iso.length() == 10 && iso.charAt(4) == '-' && iso.charAt(7) == '-') {
                return LocalDate.of(Integer.parseInt(iso, 0, 4, 10), Integer.parseInt(iso, 5, 7, 10),
                        Integer.parseInt(iso, 8, 10, 10));
            }
            return LocalDate.parse(iso);
        }

        String encode() {
            return day + " " + messagesToday + " " + tokensToday + " " + messagesTotal + " " + tokensTotal;
        }

        Entry plus(LocalDate today, long tokens) {
            Usage before = asOf(today);
            return new Entry(today, before.messagesToday() + 1, before.tokensToday() + tokens,
                    messagesTotal + 1, tokensTotal + tokens);
        }

        Usage asOf(LocalDate today) {
            boolean sameDay = day.equals(today);
            return new Usage(sameDay ? messagesToday : 0, sameDay ? tokensToday : 0, messagesTotal, tokensTotal);
        }
    }
}
