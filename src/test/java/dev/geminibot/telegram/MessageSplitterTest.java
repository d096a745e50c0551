package dev.geminibot.telegram;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSplitterTest {

    @Test
    void short_text_is_one_part() {
        assertThat(MessageSplitter.split("  hello  ", 4096)).containsExactly("hello");
        assertThat(MessageSplitter.split("   ", 4096)).isEmpty();
    }

    @Test
    void prefers_paragraph_then_line_then_word_boundaries() {
        assertThat(MessageSplitter.split("aaaa bbbb\n\ncccc", 12)).containsExactly("aaaa bbbb", "cccc");
        assertThat(MessageSplitter.split("aaaa bbbb\ncccc dd", 12)).containsExactly("aaaa bbbb", "cccc dd");
        assertThat(MessageSplitter.split("aaaa bbbb cccc", 12)).containsExactly("aaaa bbbb", "cccc");
    }

    @Test
    void cuts_long_words_without_splitting_a_surrogate_pair() {
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
        List<String> parts = MessageSplitter.split("a".repeat(9) + emoji + "b", 10);

        assertThat(parts).containsExactly("a".repeat(9), emoji + "b");
    }

    @Test
    void a_text_of_exactly_the_limit_is_one_part_and_nothing_is_lost() {
        String exact = "x".repeat(4096);
        assertThat(MessageSplitter.split(exact, 4096)).containsExactly(exact);

        String words = "lorem ipsum dolor sit amet ".repeat(1000).strip();
        List<String> parts = MessageSplitter.split(words, 4096);
        assertThat(parts).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", parts)).isEqualTo(words);
    }
}
