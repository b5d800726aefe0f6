package dev.podgrep.transcribe.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podgrep.transcribe.model.VoskModelException;
import dev.podgrep.transcribe.testing.ToneWordModel;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading models with real libvosk: one clear error per mistake a user makes with a model directory. */
class VoskModelTest {

    @TempDir
    Path temp;

    @Test
    void loadsTheToneWordModel() throws Exception {
        Path directory = ToneWordModel.writeTo(temp.resolve("model"));

        try (VoskModel model = VoskModel.load(directory, "en")) {
            assertThat(model.directory()).isEqualTo(directory);
            assertThat(model.language()).isEqualTo("en");
        }
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = temp.resolve("vosk-model-small-en-us-0.15");

        assertThatThrownBy(() -> VoskModel.load(missing, "en"))
                .isInstanceOf(VoskModelException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void missingFilesAreListed() throws Exception {
        Path directory = ToneWordModel.writeTo(temp.resolve("model"));
        Files.delete(directory.resolve("graph/HCLG.fst"));
        Files.delete(directory.resolve("graph/phones/word_boundary.int"));

        assertThatThrownBy(() -> VoskModel.load(directory, "en"))
                .isInstanceOf(VoskModelException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("graph/HCLG.fst")
                .hasMessageContaining("graph/phones/word_boundary.int");
    }

    @Test
    void aZipUnpackedOneLevelTooHighPointsToTheModelInside() throws Exception {
        Path unpacked = temp.resolve("models");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ToneWordModel.zip()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = unpacked.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.write(target, zip.readAllBytes());
                }
            }
        }

        assertThatThrownBy(() -> VoskModel.load(unpacked, "en"))
                .isInstanceOf(VoskModelException.class)
                .hasMessageContaining(unpacked.toString())
                .hasMessageEndingWith("it holds a model in the subdirectory " + ToneWordModel.ZIP_FOLDER
                        + ": use that path");
    }

    @Test
    void filesVoskCannotReadAreReportedWithTheDirectory() throws Exception {
        Path directory = ToneWordModel.writeTo(temp.resolve("model"));
        Files.writeString(directory.resolve("am/final.mdl"), "<TransitionModel> this is not a Kaldi model\n");

        assertThatThrownBy(() -> VoskModel.load(directory, "en"))
                .isInstanceOf(VoskModelException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("Vosk could not load them");
    }

    @Test
    void aClosedModelRefusesNewRecognisersAndClosingTwiceIsHarmless() throws Exception {
        VoskModel model = VoskModel.load(ToneWordModel.writeTo(temp.resolve("en")), "en");
        model.close();
        model.close();

        assertThatThrownBy(() -> model.newRecognizer(16_000)).isInstanceOf(IllegalStateException.class);
    }
}
