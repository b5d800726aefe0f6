package dev.podgrep.ingest.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeIdTest {

    @Test
    void isTheFeedSlugAndTheFirst16HexCharsOfSha256OfNameNewlineGuid() {
        // sha256("The Naked Pravda\nmeduza-en-episode-0101") starts with 27544941243fd30a; stored ids depend on it
        assertThat(EpisodeId.of("The Naked Pravda", "meduza-en-episode-0101"))
                .isEqualTo("the-naked-pravda-27544941243fd30a");
    }

    @Test
    void isStableAndDiffersBetweenFeedsAndGuids() {
        String id = EpisodeId.of("Meduza", "guid-1");
        assertThat(EpisodeId.of("Meduza", "guid-1")).isEqualTo(id);
        assertThat(EpisodeId.of("Meduza", "guid-2")).isNotEqualTo(id);
        assertThat(EpisodeId.of("Meduza EN", "guid-1")).isNotEqualTo(id);
    }

    @Test
    void slugsAreReadableUrlSafeAscii() {
        assertThat(EpisodeId.slug("Медуза: В курсе")).isEqualTo("meduza-v-kurse");
        assertThat(EpisodeId.slug("Что (же) случилось?!")).isEqualTo("chto-zhe-sluchilos");
        assertThat(EpisodeId.slug("Café Überall — Podcast")).isEqualTo("cafe-uberall-podcast");
        assertThat(EpisodeId.slug("日本語")).isEqualTo("feed");
        assertThat(EpisodeId.slug("A very long podcast name that goes on and on and on forever"))
                .hasSizeLessThanOrEqualTo(EpisodeId.MAX_SLUG_LENGTH)
                .doesNotEndWith("-");
        assertThat(EpisodeId.of("Медуза: В курсе", "x/y?z=1&w")).matches("[a-z0-9-]+");
    }

    @Test
    void validatesIdsFromOutside() {
        assertThat(EpisodeId.isValid(EpisodeId.of("Медуза: В курсе", "g"))).isTrue();
        assertThat(EpisodeId.isValid("../../etc/passwd")).isFalse();
        assertThat(EpisodeId.isValid("meduza-XYZ")).isFalse();
        assertThat(EpisodeId.isValid(null)).isFalse();
    }

    @Test
    void needsAGuid() {
        assertThatThrownBy(() -> EpisodeId.of("Feed", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-blank guid");
    }
}
