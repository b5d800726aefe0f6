package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

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
}
