package dev.podgrep.transcribe.model;

import dev.podgrep.transcribe.testing.ToneWordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VoskModelLayoutTest {

    @TempDir
    Path temp;

    private Path toneWords() {
        return ToneWordModel.writeTo(temp.resolve("model"));
    }

    @Test
    void theToneWordModelHasEverything() {
        assertThat(VoskModelLayout.missingFiles(toneWords())).isEmpty();
        assertThat(VoskModelLayout.problem(toneWords())).isEmpty();
    }

    @Test
    void aMissingAcousticModelIsNamed() throws IOException {
        Path model = toneWords();
        Files.delete(model.resolve("am/final.mdl"));

        assertThat(VoskModelLayout.problem(model)).contains("model directory " + model + " lacks am/final.mdl");
    }

    @Test
    void aMissingGraphNamesBothAcceptedGraphs() throws IOException {
        Path model = toneWords();
        Files.delete(model.resolve("graph/HCLG.fst"));

        assertThat(VoskModelLayout.missingFiles(model))
                .containsExactly("graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst and graph/disambig_tid.int)");
    }

    @Test
    void aLookaheadGraphIsAcceptedWhenComplete() throws IOException {
        Path model = toneWords();
        Files.move(model.resolve("graph/HCLG.fst"), model.resolve("graph/HCLr.fst"));
        Files.writeString(model.resolve("graph/Gr.fst"), "g");

        assertThat(VoskModelLayout.missingFiles(model))
                .containsExactly("graph/disambig_tid.int (for the lookahead graph graph/HCLr.fst + graph/Gr.fst)");

        Files.writeString(model.resolve("graph/disambig_tid.int"), "1\n");
        assertThat(VoskModelLayout.missingFiles(model)).isEmpty();
    }

    @Test
    void filterbankFeaturesReplaceMfcc() throws IOException {
        Path model = toneWords();
        Files.move(model.resolve("conf/mfcc.conf"), model.resolve("conf/fbank.conf"));
        assertThat(VoskModelLayout.missingFiles(model)).isEmpty();

        Files.delete(model.resolve("conf/fbank.conf"));
        assertThat(VoskModelLayout.missingFiles(model)).containsExactly("conf/mfcc.conf (or conf/fbank.conf)");
    }

    @Test
    void wordBoundariesAreRequiredForWordTimes() throws IOException {
        Path model = toneWords();
        Files.delete(model.resolve("graph/phones/word_boundary.int"));

        assertThat(VoskModelLayout.missingFiles(model)).containsExactly("graph/phones/word_boundary.int");
    }

    @Test
    void theOldFlatLayoutIsAccepted() throws IOException {
        Path model = toneWords();
        Path flat = Files.createDirectories(temp.resolve("v1"));
        Files.copy(model.resolve("am/final.mdl"), flat.resolve("final.mdl"));
        Files.copy(model.resolve("conf/mfcc.conf"), flat.resolve("mfcc.conf"));
        Files.copy(model.resolve("graph/HCLG.fst"), flat.resolve("HCLG.fst"));
        assertThat(VoskModelLayout.missingFiles(flat)).containsExactly("word_boundary.int");

        Files.copy(model.resolve("graph/phones/word_boundary.int"), flat.resolve("word_boundary.int"));
        assertThat(VoskModelLayout.missingFiles(flat)).isEmpty();
    }

    @Test
    void anEmptyOrAbsentDirectoryIsNamedAsSuch() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(VoskModelLayout.missingFiles(empty)).containsExactly(
                "am/final.mdl", "conf/model.conf", "conf/mfcc.conf (or conf/fbank.conf)",
                "graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst and graph/disambig_tid.int)",
                "graph/phones/word_boundary.int");
        assertThat(VoskModelLayout.problem(temp.resolve("absent")))
                .contains("model directory " + temp.resolve("absent") + " does not exist");
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThat(VoskModelLayout.problem(file)).contains("model path " + file + " is not a directory");
    }
}
