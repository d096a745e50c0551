package dev.geminibot.telegram.format;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RichMarkdownTest {

    @Test
    void an_answer_within_the_limits_is_one_part_as_written() {
        String markdown = "# Title\n\nSome *text*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two";

        assertThat(RichMarkdown.split(markdown)).containsExactly(new RichMarkdown.Part(markdown, true));
    }

    @Test
    void a_long_answer_is_cut_between_blocks_into_as_few_parts_as_the_character_limit_allows() {
        String markdown = paragraphs(70, 990); // ~70,000 characters: three parts of at most 32,768

        List<RichMarkdown.Part> parts = RichMarkdown.split(markdown);

        assertThat(parts).hasSize(3).allSatisfy(part -> {
            assertThat(part.fits()).isTrue();
            assertThat(part.markdown().length()).isLessThanOrEqualTo(RichMarkdown.MAX_CHARACTERS);
        });
        assertThat(parts.stream().map(RichMarkdown.Part::markdown).collect(Collectors.joining("\n\n"))).isEqualTo(markdown);
    }

    @Test
    void more_blocks_than_one_message_takes_are_cut_at_the_block_limit() {
        String markdown = paragraphs(700, 5);

        List<RichMarkdown.Part> parts = RichMarkdown.split(markdown);

        assertThat(parts).hasSize(2);
        assertThat(parts.getFirst().markdown().split("\n\n")).hasSize(RichMarkdown.MAX_BLOCKS);
    }

    @Test
    void a_block_beyond_the_limits_is_a_part_of_its_own_that_does_not_fit() {
        String wide = IntStream.rangeClosed(1, 21).mapToObj(i -> "c" + i).collect(Collectors.joining("|", "|", "|"))
                + "\n" + "|-".repeat(21) + "|\n";
        String deep = IntStream.range(0, 17).mapToObj(i -> "  ".repeat(i) + "- level " + i).collect(Collectors.joining("\n"));

        List<RichMarkdown.Part> parts = RichMarkdown.split("Before.\n\n" + wide + "\nMiddle.\n\n" + deep + "\n\nAfter.");

        assertThat(parts).extracting(RichMarkdown.Part::fits).containsExactly(true, false, true, false, true);
        assertThat(parts.get(1).markdown()).startsWith("|c1|");
        assertThat(parts.get(3).markdown()).startsWith("- level 0");
    }

    @Test
    void twenty_columns_and_sixteen_levels_still_fit() {
        String table = IntStream.rangeClosed(1, 20).mapToObj(i -> "c" + i).collect(Collectors.joining("|", "|", "|"))
                + "\n" + "|-".repeat(20) + "|";
        String deep = IntStream.range(0, 16).mapToObj(i -> "  ".repeat(i) + "- level " + i).collect(Collectors.joining("\n"));

        assertThat(RichMarkdown.split(table)).singleElement().extracting(RichMarkdown.Part::fits).isEqualTo(true);
        assertThat(RichMarkdown.split(deep)).singleElement().extracting(RichMarkdown.Part::fits).isEqualTo(true);
    }

    @Test
    void escaped_text_reads_as_itself() {
        String note = "[Cut short: 2 * 3 = 6_ok #1 <b>]";

        String html = TelegramHtml.fromMarkdown(RichMarkdown.escape(note));

        assertThat(TelegramHtml.toPlainText(html)).isEqualTo(note);
    }

    @Test
    void nothing_to_show_is_no_part() {
        assertThat(RichMarkdown.split("  \n\n ")).isEmpty();
    }

    private static String paragraphs(int count, int length) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> ("P" + i + " " + "x".repeat(length)))
                .collect(Collectors.joining("\n\n"));
    }
}
