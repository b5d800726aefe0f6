package dev.podgrep.app.web;

import dev.podgrep.app.PodgrepProperties;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Links use podgrep.public-url when it is set (behind a proxy the request's host is not the public one). */
class PublicUrlTest {

    private static PublicUrl configured(String url) {
        return new PublicUrl(new PodgrepProperties(java.nio.file.Path.of("data"), List.of(), null, null, null, null, null,
                url));
    }

    @Test
    void theConfiguredBaseIsUsedWithoutATrailingSlash() {
        PublicUrl urls = configured("https://podgrep.example.org/");
        assertThat(urls.base()).isEqualTo("https://podgrep.example.org");
        assertThat(urls.moment("tnp-1", 61.5, 75.0)).isEqualTo("https://podgrep.example.org/episodes/tnp-1?t=61.5&end=75");
        assertThat(configured("https://example.org/podgrep").of("/feeds/x.xml"))
                .isEqualTo("https://example.org/podgrep/feeds/x.xml");
    }

    @Test
    void secondsAreShortDecimals() {
        assertThat(PublicUrl.seconds(61)).isEqualTo("61");
        assertThat(PublicUrl.seconds(61.5)).isEqualTo("61.5");
        assertThat(PublicUrl.seconds(61.256)).isEqualTo("61.26");
        assertThat(PublicUrl.seconds(0.001)).isEqualTo("0");
    }
}
