package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditDistanceTest {

    @Test
    void basicEdits() {
        assertThat(EditDistance.osa("navalny", "navalny", 2)).isZero();
        assertThat(EditDistance.osa("navalni", "navalny", 2)).isEqualTo(1); // substitution
        assertThat(EditDistance.osa("putinsev", "putintsev", 2)).isEqualTo(1); // insertion
        assertThat(EditDistance.osa("putintsev", "putinsev", 2)).isEqualTo(1); // deletion
        assertThat(EditDistance.osa("navlany", "navalny", 2)).isEqualTo(1); // transposition
    }

    @Test
    void restrictedTranspositionLikeLucene() {
        assertThat(EditDistance.osa("ca", "abc", 5)).isEqualTo(3);
    }

    @Test
    void boundedAnswersMaxPlusOne() {
        assertThat(EditDistance.osa("navalny", "meduza", 1)).isEqualTo(2);
        assertThat(EditDistance.osa("a", "abcdef", 2)).isEqualTo(3);
        assertThat(EditDistance.osa("abcdef", "ghijkl", 2)).isEqualTo(3);
    }

    @Test
    void countsCodePoints() {
        assertThat(EditDistance.osa("a\uD83C\uDF99b", "ab", 2)).isEqualTo(1);
    }
}
