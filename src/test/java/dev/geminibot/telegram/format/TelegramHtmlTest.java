package dev.geminibot.telegram.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramHtmlTest {

    @Test
    void renders_geminis_markdown_to_telegram_tags() {
        String markdown = """
                # Title

                Some **bold**, *italic*, ~~gone~~ and `a < b` code, see [docs](https://example.com/a?b=1&c=2).

                - one
                - two
                  1. nested

                > quoted
                > > nested quote

                ```java
                if (a < b && c) { }
                ```
                """;

        assertThat(TelegramHtml.fromMarkdown(markdown)).isEqualTo("""
                <b>Title</b>

                Some <b>bold</b>, <i>italic</i>, <s>gone</s> and <code>a &lt; b</code> code, see \
                <a href="https://example.com/a?b=1&amp;c=2">docs</a>.

                • one
                • two
                  1. nested

                <blockquote>quoted

                nested quote</blockquote>

                <pre><code class="language-java">if (a &lt; b &amp;&amp; c) { }</code></pre>""");
    }

    @Test
    void html_and_unsafe_links_in_the_answer_are_shown_as_text() {
        assertThat(TelegramHtml.fromMarkdown("<script>alert(1)</script> & <b>x</b>"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;");
        assertThat(TelegramHtml.fromMarkdown("[click](javascript:alert(1))")).isEqualTo("click");
    }

    @Test
    void an_answer_of_spaces_empty_code_or_a_textless_unsafe_link_shows_nothing() {
        for (String markdown : new String[] {"\u2003\u00a0", "```\n```", "[](javascript:alert(1))", "\u200b \u2800"}) {
            assertThat(TelegramHtml.showsNothing(TelegramHtml.fromMarkdown(markdown))).as(markdown).isTrue();
        }
        assertThat(TelegramHtml.fromMarkdown("[x](javascript:alert(1))")).isEqualTo("x"); // the text stays
        assertThat(TelegramHtml.showsNothing("<b>\u00a0</b>")).isTrue();
        assertThat(TelegramHtml.showsNothing("<code>0</code>")).isFalse();
    }

    @Test
    void plain_text_is_what_the_user_reads() {
        assertThat(TelegramHtml.toPlainText("<b>a &lt; b</b> &amp; <a href=\"x\">c</a> &#128512;")).isEqualTo("a < b & c \uD83D\uDE00");
        assertThat(TelegramHtml.escape("<b>\"&\"</b>")).isEqualTo("&lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;");
    }

    @Test
    void a_narrow_table_becomes_an_aligned_monospace_grid() {
        String markdown = """
                | Planet | Moons | Note |
                |:-------|------:|:----:|
                | Mars | 2 | **red** |
                | Jupiter | 95 | a<b |
                """;

        assertThat(TelegramHtml.fromMarkdown(markdown)).isEqualTo("""
                <pre>Planet  | Moons | Note
                --------+-------+-----
                Mars    |     2 | red
                Jupiter |    95 | a&lt;b</pre>""");
    }

    @Test
    void a_table_too_wide_for_a_phone_becomes_one_line_per_row() {
        String markdown = """
                Compare:

                | Language | Typing discipline | Typical use |
                |---|---|---|
                | Java | static, nominal | **servers** and Android apps |
                | Python | | scripts & data |
                """;

        assertThat(TelegramHtml.fromMarkdown(markdown)).isEqualTo("""
                Compare:

                • <b>Language</b>: Java · <b>Typing discipline</b>: static, nominal · \
                <b>Typical use</b>: <b>servers</b> and Android apps
                • <b>Language</b>: Python · <b>Typical use</b>: scripts &amp; data""");
    }

    @Test
    void task_lists_footnotes_and_latex_stay_readable() {
        String markdown = """
                - [ ] buy milk
                - [x] call *mum*

                Energy[^1] is $E = mc^2$ and $a < b$, or \\frac{a}{b}.

                [^1]: Einstein, 1905.
                """;

        assertThat(TelegramHtml.fromMarkdown(markdown)).isEqualTo("""
                ☐ buy milk
                ☑ call <i>mum</i>

                Energy[1] is $E = mc^2$ and $a &lt; b$, or \\frac{a}{b}.

                [1] Einstein, 1905.""");
    }

    @Test
    void a_long_table_splits_into_valid_parts() {
        StringBuilder markdown = new StringBuilder("| n | square |\n|---|---|\n");
        for (int i = 0; i < 600; i++) {
            markdown.append("| ").append(i).append(" | ").append(i * i).append(" |\n");
        }
        String html = TelegramHtml.fromMarkdown(markdown.toString());

        java.util.List<String> parts = HtmlSplitter.split(html, 4096);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(part -> assertThat(part).startsWith("<pre>").endsWith("</pre>"));
        assertThat(String.join("\n", parts.stream().map(TelegramHtml::toPlainText).toList()))
                .contains("599 | 358801");
    }
}
