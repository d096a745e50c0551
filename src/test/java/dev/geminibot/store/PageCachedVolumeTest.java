package dev.geminibot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.CC;
import org.mapdb.volume.RandomAccessFileVol;
import org.mapdb.volume.Volume;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCachedVolumeTest {
    @TempDir
    Path directory;

    /** Random writes and reads of every width, across page borders, against the file alone as the reference. */
    @Test
    void reads_what_the_file_holds_after_any_mix_of_writes_growth_and_truncation() throws Exception {
        Random random = new Random(42);
        try (Volume plain = file("plain.db"); Volume cached = new PageCachedVolume(file("cached.db"), 3)) {
            for (int step = 0; step < 20_000; step++) {
                long length = plain.length();
                long offset = length == 0 ? 0 : (long) (random.nextDouble() * (length + 9000));
                switch (random.nextInt(10)) {
                    case 0 -> both(plain, cached, v -> v.ensureAvailable(offset + 8));
                    case 1 -> {
                        long value = random.nextLong();
                        both(plain, cached, v -> {
                            v.ensureAvailable(offset + 8);
                            v.putLong(offset, value);
                        });
                    }
                    case 2 -> {
                        byte[] data = new byte[random.nextInt(9000)];
                        random.nextBytes(data);
                        both(plain, cached, v -> {
                            v.ensureAvailable(offset + data.length);
                            v.putData(offset, data, 0, data.length);
                        });
                    }
                    case 3 -> {
                        int value = random.nextInt();
                        both(plain, cached, v -> {
                            v.ensureAvailable(offset + 4);
                            v.putInt(offset, value);
                        });
                    }
                    case 4 -> {
                        if (offset + 100 <= length) {
                            both(plain, cached, v -> v.clear(offset, offset + 100));
                        }
                    }
                    case 5 -> {
                        if (random.nextInt(50) == 0) {
                            long size = (length / 2) & ~7L;
                            both(plain, cached, v -> v.truncate(size));
                        }
                    }
                    default -> compareReads(plain, cached, random);
                }
                assertThat(cached.length()).isEqualTo(plain.length());
            }
        }
    }

    @Test
    void reading_past_the_end_fails_as_the_file_does() {
        try (Volume cached = new PageCachedVolume(file("cached.db"), 4)) {
            cached.ensureAvailable(100);
            cached.putLong(0, 7);
            assertThat(cached.getLong(0)).isEqualTo(7);
            assertThatThrownBy(() -> cached.getLong(cached.length() - 4)).isInstanceOf(RuntimeException.class);
        }
    }

    private void compareReads(Volume plain, Volume cached, Random random) throws java.io.IOException {
        long length = plain.length();
        for (int read = 0; read < 5 && length > 8; read++) {
            long offset = (long) (random.nextDouble() * (length - 8));
            assertThat(cached.getLong(offset)).as("long at %d", offset).isEqualTo(plain.getLong(offset));
            assertThat(cached.getInt(offset)).isEqualTo(plain.getInt(offset));
            assertThat(cached.getByte(offset)).isEqualTo(plain.getByte(offset));
            long packed;
            try {
                packed = plain.getPackedLong(offset); // random bytes may run a packed number past the end
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> cached.getPackedLong(offset)).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(cached.getPackedLong(offset)).isEqualTo(packed);
            int size = (int) Math.min(length - offset, random.nextInt(10_000));
            byte[] expected = new byte[size];
            byte[] actual = new byte[size];
            plain.getData(offset, expected, 0, size);
            cached.getData(offset, actual, 0, size);
            assertThat(actual).isEqualTo(expected);
            byte[] input = new byte[size];
            cached.getDataInput(offset, size).readFully(input);
            assertThat(input).isEqualTo(expected);
        }
    }

    private static void both(Volume plain, Volume cached, java.util.function.Consumer<Volume> change) {
        change.accept(plain);
        change.accept(cached);
    }

    private Volume file(String name) {
        return RandomAccessFileVol.FACTORY.makeVolume(directory.resolve(name).toString(), false, 0L, CC.PAGE_SHIFT, 0L, false);
    }
}
