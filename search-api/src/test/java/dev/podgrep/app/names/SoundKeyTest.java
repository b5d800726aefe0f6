package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SoundKeyTest {

    private static boolean meets(String query, String... heard) {
        Set<String> codes = SoundKey.queryCodes(MatchKey.of(query));
        StringBuilder joined = new StringBuilder();
        for (String w : heard) {
            joined.append(MatchKey.of(w));
        }
        return !Collections.disjoint(codes, SoundKey.codes(joined.toString()));
    }

    @Test
    void aNameMeetsTheKnownWordsARecognizerSplitItInto() {
        assertThat(meets("Putintsev", "put", "in", "sev")).isTrue();
        assertThat(meets("Путинцев", "путин", "сев")).isTrue();
        assertThat(meets("Prigozhin", "pre", "go", "jean")).isTrue();
        assertThat(meets("Peskov", "pesk", "of")).isTrue();
        assertThat(meets("Prigozhin", "Prigojin")).isTrue(); // a misspelling too
        assertThat(meets("Frolov", "Frollov")).as("4 consonants: same length only; fuzzy finds it").isFalse();
    }

    @Test
    void onsetAndLengthKeepCommonRunsApart() {
        assertThat(meets("Frolov", "were", "law")).isFalse();
        assertThat(meets("Frolov", "for", "luvo")).isFalse(); // 4 consonants: the length must be the same
        assertThat(meets("санкции", "zenkoso")).isFalse();
        assertThat(meets("Putintsev", "Putin")).isFalse();
    }

    @Test
    void shortAndLongQueryWordsDoNotMatchBySound() {
        assertThat(SoundKey.queryCodes("bank")).isEmpty();
        assertThat(SoundKey.queryCodes("abcdefghijklm")).isEmpty();
        assertThat(SoundKey.queryCodes("covid19")).isEmpty();
        assertThat(SoundKey.queryCodes("navalny")).containsExactly("NFLNn7");
        assertThat(SoundKey.queryCodes("putintsev")).containsExactly("PTNSFp8", "PTNSFp9", "PTNSFp10");
    }

    @Test
    void runsOfOneToThreeWordsStartAtEveryWord() {
        List<List<Set<String>>> runs = SoundKey.runCodes(List.of("put", "in", "sev", MatchKey.PLACEHOLDER, "said"));
        assertThat(runs).hasSize(5);
        assertThat(runs.get(0).get(2)).containsExactly("PTNSFp8"); // put in sev
        assertThat(runs.get(1).get(2)).as("a placeholder ends a run").isEmpty();
        assertThat(runs.get(3)).allSatisfy(codes -> assertThat(codes).isEmpty());
        assertThat(SoundKey.segmentCodes(List.of("put", "in", "sev"))).contains("PTNSFp8");
    }
}
