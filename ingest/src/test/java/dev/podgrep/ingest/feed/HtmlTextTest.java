package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void dropsTagsAndKeepsParagraphsAsLines() {
        String html = "<div><p>First <b>bold</b> and <a href=\"https://x.org/?a=1&amp;b=2\">a link</a>.</p>\n"
                + "<ul><li>one</li><li>two</li></ul><p>Last<br>line</p></div>";

        assertThat(HtmlText.toPlainText(html)).isEqualTo("First bold and a link.\n\none\n\ntwo\n\nLast\nline");
    }

    @Test
    void decodesNamedDecimalAndHexReferences() {
        assertThat(HtmlText.toPlainText("&laquo;Цитата&raquo; &mdash; &#8212; &#x2014; &amp; &lt;tag&gt; caf&eacute;"))
                .isEqualTo("«Цитата» — — — & <tag> café");
    }

    @Test
    void leavesUnknownReferencesAndLonelyAngleBracketsAlone() {
        assertThat(HtmlText.toPlainText("a < b && c > d &unknown; &#0;")).isEqualTo("a < b && c > d &unknown; &#0;");
    }

    @Test
    void dropsScriptsStylesAndComments() {
        assertThat(HtmlText.toPlainText("<style>p{color:red}</style><!-- tracking --><script>alert(1)</script>Text"))
                .isEqualTo("Text");
    }

    @Test
    void plainTextKeepsItsLineBreaksHtmlDoesNot() {
        assertThat(HtmlText.toPlainText("line one\nline two")).isEqualTo("line one\nline two");
        assertThat(HtmlText.toPlainText("<p>line one\nstill one</p>")).isEqualTo("line one still one");
    }

    @Test
    void turnsNoBreakSpacesIntoSpacesAndTrims() {
        assertThat(HtmlText.toPlainText("  за&nbsp;15\u00A0минут  ")).isEqualTo("за 15 минут");
        assertThat(HtmlText.decodeLine(" Q&amp;A:\n  <live> &#8217; ")).isEqualTo("Q&A: <live> \u2019");
        assertThat(HtmlText.toPlainText(null)).isNull();
    }

    @Test
    void aMegabyteOfHostileMarkupFinishesFastWithTheRightText() {
        int mb = 1024 * 1024;
        // each of these took the regexes it replaced seconds at 64 KB and minutes at 1 MB (quadratic)
        Map<String, String> hostile = Map.of(
                "<!--".repeat(mb / 4), "",
                "Before<!--".repeat(mb / 10), "Before",
                "<a ".repeat(mb / 3), "",
                "<p><b>x".repeat(mb / 7), "x",
                "<div>".repeat(HtmlText.MAX_INPUT_CHARS / 5 - 1) + "deep", "deep",   // deep, within the input cap
                "<script>".repeat(mb / 8), "",
                "&#".repeat(mb / 2), "&#",
                "<x y='".repeat(mb / 6), "",
                "<!".repeat(mb / 2), "");
        HtmlText.toPlainText("<p>warm <b>up</b></p>");   // class loading is not what is measured
        // a generous bound, not a benchmark: linear work takes well under a second here even on a loaded machine,
        // the quadratic regexes took minutes
        hostile.forEach((html, startsWith) -> assertThatCode(() -> {
            long start = System.nanoTime();
            String text = HtmlText.toPlainText(html);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("HtmlText %-14s %,9d chars: %5d ms%n", html.substring(0, 12), html.length(),
                    took.toMillis());
            assertThat(took).as("%s... (%d chars) took %s", html.substring(0, 12), html.length(), took)
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(text.length()).isLessThanOrEqualTo(HtmlText.MAX_TEXT_CHARS + 1);
            assertThat(text).startsWith(startsWith);
        }).doesNotThrowAnyException());
    }

    @Test
    void hostileMarkupAsLongAsTheInputCapFinishesFast() {
        int cap = HtmlText.MAX_INPUT_CHARS;
        HtmlText.toPlainText("<p>warm <b>up</b></p>");
        for (String html : new String[] {"<!--".repeat(cap / 4), "<a ".repeat(cap / 3), "<p><b>x".repeat(cap / 7),
                "<x y='".repeat(cap / 6), "&#".repeat(cap / 2), "<table><tr><td>".repeat(cap / 15)}) {
            long start = System.nanoTime();
            HtmlText.toPlainText(html);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("HtmlText at the cap %-14s %,7d chars: %4d ms%n", html.substring(0, 12), html.length(),
                    took.toMillis());
            assertThat(took).as(html.substring(0, 12)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aLongDescriptionIsCutAtAWordBoundary() {
        String words = "word ".repeat(3000);   // 15,000 characters

        String text = HtmlText.toPlainText("<p>" + words + "</p>");

        assertThat(text).hasSizeLessThanOrEqualTo(HtmlText.MAX_TEXT_CHARS + 1).endsWith("word…");
        assertThat(HtmlText.toPlainText(words)).isEqualTo(text);
        assertThat(HtmlText.decodeLine("title ".repeat(2000))).endsWith("title…")
                .hasSizeLessThanOrEqualTo(HtmlText.MAX_TEXT_CHARS + 1);
    }

    @Test
    void unclosedCommentsAndTagsDoNotSwallowWhatCameBefore() {
        assertThat(HtmlText.toPlainText("<p>Show notes</p><!-- never closed")).isEqualTo("Show notes");
        assertThat(HtmlText.toPlainText("<p>Show notes</p><a href=\"x")).isEqualTo("Show notes");
        assertThat(HtmlText.toPlainText("a <b c")).as("no markup: the text as it is").isEqualTo("a <b c");
        assertThat(HtmlText.toPlainText("<p title=\"a > b\">Text</p>")).as("'>' inside an attribute")
                .isEqualTo("Text");
    }
}
