package dev.geminibot.telegram.files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFilesTest {

    @Test
    void should_drop_the_least_recently_used_files_beyond_its_capacity() {
        RecentFiles recent = new RecentFiles(100);
        recent.put("a", new byte[25]);
        recent.put("b", new byte[25]);
        recent.put("c", new byte[25]);
        recent.get("a"); // used: kept before b

        recent.put("d", new byte[25]);
        recent.put("e", new byte[25]);

        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("a")).isNotNull();
        assertThat(recent.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void should_not_let_one_big_file_flush_the_others_nor_keep_anything_at_zero_capacity() {
        RecentFiles recent = new RecentFiles(100);
        recent.put("small", new byte[10]);

        recent.put("big", new byte[30]);

        assertThat(recent.get("big")).isNull();
        assertThat(recent.get("small")).isNotNull();
        RecentFiles none = new RecentFiles(0);
        none.put("x", new byte[1]);
        assertThat(none.get("x")).isNull();
    }

    @Test
    void should_keep_nothing_once_cleared_after_a_forget() {
        RecentFiles recent = new RecentFiles(100);
        recent.put("a", new byte[25]);

        recent.clear();

        assertThat(recent.get("a")).isNull();
        assertThat(recent.size()).isZero();
        recent.put("b", new byte[25]);
        assertThat(recent.size()).isEqualTo(25);
    }
}
