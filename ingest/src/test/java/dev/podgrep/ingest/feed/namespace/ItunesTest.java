package dev.podgrep.ingest.feed.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdom2.Element;
import org.jdom2.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ItunesTest {

    @ParameterizedTest
    @CsvSource({"01:02:03, 3723", "1:02:03, 3723", "45:30, 2730", "75:30, 4530", "1830, 1830", "0:00:59.5, 59.5",
            "3723.25, 3723.25", "' 00:15:02 ', 902"})
    void parsesDurations(String text, double seconds) {
        assertThat(Itunes.parseDuration(text)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "45 min", "1:2:3:4", "-10", "01:xx"})
    void refusesWhatIsNoDurationNamingIt(String text) {
        assertThatThrownBy(() -> Itunes.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itunes:duration '" + text + "' is not HH:MM:SS, MM:SS or seconds");
    }

    @Test
    void findsTheDurationUnderNamespaceUriVariants() {
        for (String uri : new String[] {Itunes.NAMESPACE, "https://www.itunes.com/dtds/podcast-1.0.dtd",
                "http://www.itunes.com/DTDs/Podcast-1.0.dtd"}) {
            Element item = new Element("item");
            item.addContent(new Element("duration", Namespace.getNamespace("itunes", uri)).setText(" 12:00 "));
            assertThat(Itunes.durationText(item)).as(uri).contains("12:00");
        }
        Element other = new Element("item");
        other.addContent(new Element("duration", Namespace.getNamespace("x", "urn:other")).setText("12:00"));
        assertThat(Itunes.durationText(other)).isEmpty();
    }
}
