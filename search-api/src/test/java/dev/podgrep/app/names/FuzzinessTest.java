package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FuzzinessTest {

    @Test
    void mirrorsElasticsearchAuto5And9() {
        assertThat(Fuzziness.ELASTICSEARCH).isEqualTo("AUTO:5,9");
        assertThat(Fuzziness.maxEdits("a")).isZero();
        assertThat(Fuzziness.maxEdits("putn")).isZero();
        assertThat(Fuzziness.maxEdits("putin")).isEqualTo(1);
        assertThat(Fuzziness.maxEdits("navalny")).isEqualTo(1);
        assertThat(Fuzziness.maxEdits("putinsev")).isEqualTo(1);
        assertThat(Fuzziness.maxEdits("putintsev")).isEqualTo(2);
        assertThat(Fuzziness.maxEdits("khodorkovsky")).isEqualTo(2);
    }

    @Test
    void measuresTheKeyNotTheTypedWord() {
        // Шойгу has 5 letters, its key shoygu 6; Щи has 2, shchi 5
        assertThat(Fuzziness.maxEdits(MatchKey.of("щи"))).isEqualTo(1);
        assertThat(Fuzziness.maxEdits(MatchKey.of("Путин"))).isEqualTo(1);
    }
}
