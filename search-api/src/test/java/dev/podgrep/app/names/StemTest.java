package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StemTest {

    @Test
    void russianCaseFormsMeetIncludingSurnamesInOvEvIn() {
        for (List<String> forms : List.of(List.of("военнопленные", "военнопленных", "военнопленным"),
                List.of("Путинцев", "Путинцева", "Путинцеву", "Путинцевым"),
                List.of("Навальный", "Навального", "Навальному"),
                List.of("санкции", "санкциями", "санкций", "санкциях"),
                List.of("Пригожин", "Пригожина", "Пригожину"))) {
            assertThat(forms.stream().map(Stem::of).distinct()).as(forms.toString()).hasSize(1);
        }
        assertThat(Stem.of("Путинцева")).isEqualTo("putints"); // a stem in the Latin key space
    }

    @Test
    void differentWordsKeepDifferentStems() {
        assertThat(Stem.of("военные")).isNotEqualTo(Stem.of("военнопленные"));
        assertThat(Stem.of("Путин")).isNotEqualTo(Stem.of("Путинцев"));
        assertThat(Stem.of("prisoner")).isNotEqualTo(Stem.of("prison"));
        assertThat(Stem.of("policy")).isNotEqualTo(Stem.of("police"));
    }

    @Test
    void englishInflectionsAndPossessivesMeet() {
        assertThat(Stem.of("sanctions")).isEqualTo(Stem.of("sanction")).isEqualTo(Stem.of("sanctioned"));
        assertThat(Stem.of("Navalny's")).isEqualTo(Stem.of("Navalny"));
        assertThat(Stem.of("ёлка")).isEqualTo(Stem.of("елка"));
    }

    @Test
    void wordsThatAreNotPlainLettersKeepTheirKey() {
        assertThat(Stem.of("COVID-19")).isEqualTo(MatchKey.of("COVID-19")).isEqualTo("covid19");
        assertThat(Stem.of("G7")).isEqualTo("g7");
        assertThat(Stem.of("(sanctions)")).isEqualTo("sanction");
        assertThat(Stem.of("кто-то")).isEqualTo(MatchKey.of("кто-то"));
        assertThat(Stem.of("—")).isEmpty();
        assertThat(Stem.stemsOf(List.of("Навального", "—", "sanctions")))
                .containsExactly(Stem.of("Навальный"), MatchKey.PLACEHOLDER, "sanction");
    }

    @Test
    void aLatinQueryWordIsAlsoReadAsRussian() {
        assertThat(Stem.queryStems("Putintsev")).containsExactly("putintsev", "putints");
        assertThat(Stem.queryStems("Putintsev")).contains(Stem.of("Путинцеву"));
        assertThat(Stem.queryStems("Путинцев")).containsExactly("putints");
        assertThat(Stem.queryStems("dude")).as("short words are not read as Russian").containsExactly("dude");
    }
}
