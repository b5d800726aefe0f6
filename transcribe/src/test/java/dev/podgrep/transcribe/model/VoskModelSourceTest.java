package dev.podgrep.transcribe.model;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoskModelSourceTest {

    private static final URI ZIP = URI.create("https://models.example.org/vosk-model-small-de-0.15.zip");
    private static final String SHA = "a".repeat(64);

    @Test
    void aConfiguredPathWinsOverUrlAndChecksum() {
        VoskModelSource source = VoskModelSource.configured("en", Path.of("/models/en"), ZIP, SHA);

        assertThat(source).isEqualTo(VoskModelSource.directory("en", Path.of("/models/en")));
        assertThat(source.location()).isEqualTo("/models/en");
    }

    @Test
    void aConfiguredUrlIsDownloadedWithItsChecksum() {
        VoskModelSource source = VoskModelSource.configured("de", null, ZIP, SHA.toUpperCase() + " ");

        assertThat(source.url()).isEqualTo(ZIP);
        assertThat(source.sha256()).isEqualTo(SHA);
        assertThat(source.location()).isEqualTo(ZIP.toString());
    }

    @Test
    void englishAndRussianDefaultToTheOfficialSmallModelsWithoutChecksum() {
        assertThat(VoskModelSource.officialSmall("en").url())
                .hasToString("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip");
        assertThat(VoskModelSource.configured("ru", null, null, null).url())
                .hasToString("https://alphacephei.com/vosk/models/vosk-model-small-ru-0.22.zip");
        assertThat(VoskModelSource.officialSmall("en").sha256()).isNull();
        assertThat(VoskModelSource.configured("en", null, null, SHA).sha256()).isEqualTo(SHA);
    }

    @Test
    void aLanguageWithoutDefaultNeedsConfiguration() {
        assertThatThrownBy(() -> VoskModelSource.officialSmall("de"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no default Vosk model is known for language 'de' (defaults exist for en, ru):"
                        + " configure a model directory path or a zip url for it");
    }

    @Test
    void invalidConfigurationsAreRefusedNamingTheLanguage() {
        assertThatThrownBy(() -> VoskModelSource.download("en", ZIP, "abc"))
                .hasMessage("Vosk model sha256 for 'en' must be 64 hex digits, got 'abc'");
        assertThatThrownBy(() -> VoskModelSource.download("en", URI.create("file:///tmp/m.zip"), null))
                .hasMessage("Vosk model url for 'en' must be an http(s) URL, got file:///tmp/m.zip");
        assertThatThrownBy(() -> new VoskModelSource("en", Path.of("/m"), ZIP, null))
                .hasMessage("Vosk model for 'en' needs either a directory path or a zip url, got both");
        assertThatThrownBy(() -> new VoskModelSource("en", null, null, null))
                .hasMessage("Vosk model for 'en' needs either a directory path or a zip url, got neither");
        assertThatThrownBy(() -> new VoskModelSource("en", Path.of("/m"), null, SHA))
                .hasMessage("Vosk model for 'en': sha256 applies to a downloaded zip, not to the directory /m");
        assertThatThrownBy(() -> VoskModelSource.download("../en", ZIP, null))
                .hasMessage("Vosk model language '../en' is not a language tag like 'en' or 'pt-BR'");
    }

    @Test
    void theModelDirectoryIsNamedAfterTheZip() {
        assertThat(VoskModelStore.directoryName(VoskModelSource.officialSmall("en"))).isEqualTo("vosk-model-small-en-us-0.15");
        assertThat(VoskModelStore.directoryName(VoskModelSource.download("en",
                URI.create("https://x.org/get?id=1"), null))).isEqualTo("get");
        assertThat(VoskModelStore.directoryName(VoskModelSource.download("en",
                URI.create("https://x.org/"), null))).isEqualTo("model");
        assertThat(VoskModelStore.directoryName(VoskModelSource.download("en",
                URI.create("https://x.org/..%2F..%2Fetc.zip"), null))).isEqualTo("etc");
        assertThat(VoskModelStore.directoryName(VoskModelSource.download("en",
                URI.create("https://x.org/a/.."), null))).isEqualTo("model");
    }
}
