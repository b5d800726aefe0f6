package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {

    @Test
    void splitsOnWhitespaceAndPunctuation() {
        assertThat(Tokens.split("Hello, world! How are you?")).containsExactly("Hello", "world", "How", "are", "you");
        assertThat(Tokens.split("  Навальный\tи\nПутин  ")).containsExactly("Навальный", "и", "Путин");
    }

    @Test
    void keepsInnerApostrophesHyphensAndDots() {
        assertThat(Tokens.split("don't Navalny’s O'Brien")).containsExactly("don't", "Navalny’s", "O'Brien");
        assertThat(Tokens.split("кто-то well-known COVID-19")).containsExactly("кто-то", "well-known", "COVID-19");
        assertThat(Tokens.split("the U.S. and meduza.io")).containsExactly("the", "U.S", "and", "meduza.io");
    }

    @Test
    void numbersStayWhole() {
        assertThat(Tokens.split("1,000 people at 10:30, 3.5%")).containsExactly("1,000", "people", "at", "10:30", "3.5");
        assertThat(Tokens.split("one,two")).containsExactly("one", "two");
    }

    @Test
    void jointersAtTheEdgesAreDropped() {
        assertThat(Tokens.split("'quoted' -minus- ..dots.. --")).containsExactly("quoted", "minus", "dots");
        assertThat(Tokens.split("a--b")).containsExactly("a", "b");
    }

    @Test
    void elasticsearchSyntaxIsJustSeparators() {
        assertThat(Tokens.split("title:putin* AND (navalny OR \"x\") ~2 ^3 [a TO b] {c} !d ?e &f |g <h> =i \\j /k"))
                .containsExactly("title", "putin", "AND", "navalny", "OR", "x", "2", "3", "a", "TO", "b", "c", "d", "e",
                        "f", "g", "h", "i", "j", "k");
        assertThat(Tokens.split("*:*")).isEmpty();
    }

    @Test
    void combiningMarksStayInTheToken() {
        assertThat(Tokens.split("cafe\u0301 приве\u0301т")).containsExactly("cafe\u0301", "приве\u0301т");
    }

    @Test
    void softHyphenAndZeroWidthJoin() {
        assertThat(Tokens.split("Na\u00ADvalny zero\u200Bwidth")).containsExactly("Na\u00ADvalny", "zero\u200Bwidth");
    }

    @Test
    void emptyInputs() {
        assertThat(Tokens.split(null)).isEmpty();
        assertThat(Tokens.split("")).isEmpty();
        assertThat(Tokens.split(" — … 🎙 ")).isEmpty();
    }
}
