package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {

    @Test
    void theUserAgentNamesPodgrepAndItsVersion() {
        assertThat(FetchSettings.PODGREP_VERSION).as("filtered in by Maven").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(FetchSettings.defaults().userAgent())
                .isEqualTo("podgrep/" + FetchSettings.PODGREP_VERSION + " (+https://github.com/podgrep)");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> FetchSettings.defaults().withMaxAttempts(0))
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> FetchSettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("need 0 <= backoffBase <= backoffMax, was PT2S and PT1S");
        assertThatThrownBy(() -> FetchSettings.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessage("readTimeout must be positive, was PT0S");
    }

    @RepeatedTest(5)
    void backoffDoublesWithJitterUpToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(backoff.delayBefore(1, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(125));
        assertThat(backoff.delayBefore(2, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(backoff.delayBefore(3, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
        assertThat(backoff.delayBefore(10, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delayBefore(100, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delayBefore(1, Duration.ofMillis(700))).as("Retry-After wins when longer")
                .isEqualTo(Duration.ofMillis(700));
        assertThat(backoff.delayBefore(1, Duration.ofHours(1))).as("but is capped").isEqualTo(Duration.ofMillis(1000));
    }
}
