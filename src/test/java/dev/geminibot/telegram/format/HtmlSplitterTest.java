package dev.geminibot.telegram.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlSplitterTest {

    @Test
    void short_html_is_one_part() {
        assertThat(HtmlSplitter.split("<b>hi</b> there", 4096)).containsExactly("<b>hi</b> there");
    }

    @Test
    void a_text_of_exactly_the_limit_is_one_part() {
        String exact = "x".repeat(4096);
        assertThat(HtmlSplitter.split(exact, 4096)).containsExactly(exact);
        assertThat(HtmlSplitter.split(exact + "y", 4096)).containsExactly(exact, "y");
    }

    @Test
    void counts_visible_characters_not_markup_or_entities() {
        String html = "<b>" + "&lt;".repeat(10) + "</b>";
        assertThat(HtmlSplitter.split(html, 10)).containsExactly(html);
    }

    @Test
    void prefers_a_paragraph_break_outside_formatting() {
        List<String> parts = HtmlSplitter.split("<b>aaaa bbbb</b>\n\ncccc dddd", 14);
        assertThat(parts).containsExactly("<b>aaaa bbbb</b>", "cccc dddd");
    }

    @Test
    void a_code_block_cut_in_two_is_closed_and_reopened() {
        String code = "line1\nline2\nline3\nline4";
        List<String> parts = HtmlSplitter.split("<pre><code class=\"language-x\">" + code + "</code></pre>", 12);

        assertThat(parts).containsExactly(
                "<pre><code class=\"language-x\">line1\nline2</code></pre>",
                "<pre><code class=\"language-x\">line3\nline4</code></pre>");
    }

    @Test
    void never_cuts_an_entity_or_a_surrogate_pair() {
        List<String> parts = HtmlSplitter.split("&amp;".repeat(5) + "\uD83D\uDE00".repeat(3), 6);

        assertThat(parts).containsExactly("&amp;&amp;&amp;&amp;&amp;", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00");
    }

    @Test
    void every_part_of_a_long_formatted_answer_fits_and_nothing_is_lost() {
        String markdown = ("Paragraph with **bold text** and `code` and a [link](https://example.com).\n\n").repeat(200)
                + "```\n" + "x = 1\n".repeat(1500) + "```\n";
        String html = TelegramHtml.fromMarkdown(markdown);

        List<String> parts = HtmlSplitter.split(html, 4096);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(part ->
                assertThat(TelegramHtml.toPlainText(part).length()).isLessThanOrEqualTo(4096));
        String all = String.join("", parts.stream().map(TelegramHtml::toPlainText).toList()).replaceAll("\\s", "");
        assertThat(all).isEqualTo(TelegramHtml.toPlainText(html).replaceAll("\\s", ""));
    }
}
