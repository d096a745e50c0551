package dev.geminibot.store;

import org.junit.jupiter.api.Test;
import org.mapdb.CC;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RedoLogCommitTest {
    @Test
    void a_coalesced_commit_leaves_the_file_as_the_writes_in_their_order_would() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<RedoLog.Write> writes = new ArrayList<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                byte[] data = new byte[1 + random.nextInt(40)];
                random.nextBytes(data);
                writes.add(new RedoLog.Write(random.nextInt(600), data)); // many overlap, many touch
            }
            RedoLog.Commit plain = new RedoLog.Commit(700, writes);
            RedoLog.Commit coalesced = RedoLog.Commit.coalesced(700, writes);

            assertThat(contents(coalesced)).isEqualTo(contents(plain));
            assertThat(coalesced.writes().size()).isLessThanOrEqualTo(writes.size());
            for (int i = 1; i < coalesced.writes().size(); i++) {
                RedoLog.Write before = coalesced.writes().get(i - 1);
                assertThat(coalesced.writes().get(i).offset()).isGreaterThan(before.offset() + before.data().length);
            }
        }
    }

    private static byte[] contents(RedoLog.Commit commit) {
        Volume file = new ByteArrayVol(CC.PAGE_SHIFT, 0L);
        commit.applyTo(file);
        byte[] bytes = new byte[Math.toIntExact(commit.length())];
        file.getData(0, bytes, 0, bytes.length);
        return bytes;
    }
}
