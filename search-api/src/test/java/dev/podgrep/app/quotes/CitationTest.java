package dev.podgrep.app.quotes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitationTest {

    @Test
    void minutesAndSecondsRoundedOutwards() {
        assertThat(Citation.of("the-naked-pravda", "id", "Title", "2026-03-01T23:30:00Z", 74.9, 80.1))
                .isEqualTo("the-naked-pravda — \"Title\" (2026-03-01), 01:14–01:21");
    }

    @Test
    void hoursWhenTheQuoteEndsPastAnHour() {
        assertThat(Citation.of("f", "id", "T", "2026-03-01T00:00:00Z", 3598.2, 3601.0))
                .isEqualTo("f — \"T\" (2026-03-01), 0:59:58–1:00:01");
        assertThat(Citation.of("f", "id", "T", "2026-03-01T00:00:00Z", 36000, 36005.5))
                .endsWith("10:00:00–10:00:06");
    }

    @Test
    void missingTitleAndDate() {
        assertThat(Citation.of("f", "ep-1", null, null, 0, 1.5)).isEqualTo("f — \"ep-1\" (undated), 00:00–00:02");
    }

    @Test
    void theDateIsTheUtcDate() {
        assertThat(Citation.of("f", "id", "T", "2026-03-01T23:30:00-05:00", 0, 1))
                .contains("(2026-03-02)");
    }
}
