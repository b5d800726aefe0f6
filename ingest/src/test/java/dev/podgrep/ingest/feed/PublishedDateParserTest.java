package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fallback parser on its own (in the feed test Rome reads many of these forms before it gets a chance). */
class PublishedDateParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Tue, 05 Mar 2024 17:30:00 +0300",
            "05 Mar 2024 17:30:00 +0300",
            "Tue, 5 Mar 2024 14:30:00 GMT",
            "Tue, 5 Mar 2024 17:30 MSK",
            "Tue, 05 Mar 2024 09:30:00 EST",
            "Tue, 05 Mar 24 14:30:00 +0000",
            "Tuesday, 05 March 2024 14:30:00 UT",
            "Tue, 05 Mar 2024 17:30:00 +03:00",
            "Tue., 05 Mar. 2024 17:30:00 +03",
            "Mon, 05 Mar 2024 14:30:00 GMT",
            "5-Mar-2024 14:30:00 Z",
            "Tue, 05 Mar 2024 14:30:00",
            "Tue, 05 Mar 2024 14:30:00 UTC (Coordinated Universal Time)",
            "Tue, 05 Mar 2024 17:30:00 Europe/Moscow",
            "Tue, 05 Mar 2024 17:30:00 GMT+3",
            "Tue, 05 Mar 2024 2:30:00 PM GMT",
            "March 5, 2024 9:30 AM EST",
            "Mar 5th, 2024 14:30 GMT",
            "2024-03-05T17:30:00+03:00",
            "2024-03-05T14:30:00Z",
            "2024-03-05T14:30:00.000Z",
            "2024-03-05 14:30:00",
            "2024-03-05T17:30:00+0300",
            "  Tue,  05 Mar 2024  14:30:00  GMT "})
    void readsTheSameInstantInEveryForm(String text) {
        assertThat(PublishedDateParser.parse(text)).contains(Instant.parse("2024-03-05T14:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "вторник, 5 марта", "32 Mar 2024 10:00:00 GMT",
            "Tue, 05 Foo 2024 10:00:00 GMT", "Tue, 05 Mar 2024 25:00:00 GMT", "Tue, 05 Mar 2024 10:00:00 XYZ",
            "2024-13-05"})
    void refusesWhatIsNoDate(String text) {
        assertThat(PublishedDateParser.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05", "Tue, 5 Mar 2024", "5 September 2024"})
    void aDateAloneIsMidnightUtc(String text) {
        assertThat(PublishedDateParser.parse(text).orElseThrow().toString()).endsWith("T00:00:00Z");
    }
}
