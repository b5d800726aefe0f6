package dev.podgrep.transcribe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's files as tiny-vosk-model.md specifies them (that real Vosk decodes with it: VoskTranscriberTest). */
class ToneWordModelTest {

    @TempDir
    Path temp;

    @Test
    void writesTheVoskV2LayoutWithATextAcousticModel() throws IOException {
        Path model = ToneWordModel.writeTo(temp.resolve("model"));

        for (String file : List.of("conf/mfcc.conf", "conf/model.conf", "graph/words.txt",
                "graph/phones/word_boundary.int", "am/final.mdl", "graph/HCLG.fst")) {
            assertThat(model.resolve(file)).as(file).isNotEmptyFile();
        }
        String mdl = Files.readString(model.resolve("am/final.mdl"), StandardCharsets.US_ASCII);
        assertThat(mdl).startsWith("<TransitionModel>").contains("<Nnet3> \n").contains("<Triples> 13 \n")
                .endsWith("<LeftContext> 1 <RightContext> 1 <Priors> [ ]\n");
        assertThat(Files.readAllLines(model.resolve("graph/words.txt")))
                .containsExactly("<eps> 0", "alpha 1", "bravo 2", "charlie 3", "delta 4");
        assertThat(Files.readString(model.resolve("conf/model.conf")))
                .contains("--frame-subsampling-factor=3\n", "--acoustic-scale=1.0\n");
    }

    @Test
    void hclgIsAnOpenFstVectorWith14StatesAnd51ArcsSortedByInputLabel() throws IOException {
        ByteBuffer fst = ByteBuffer.wrap(Files.readAllBytes(ToneWordModel.writeTo(temp.resolve("m"))
                .resolve("graph/HCLG.fst"))).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(fst.getInt()).isEqualTo(2125659606);
        assertThat(string(fst)).isEqualTo("vector");
        assertThat(string(fst)).isEqualTo("standard");
        assertThat(fst.getInt()).isEqualTo(2);
        assertThat(fst.getInt()).isZero();
        assertThat(fst.getLong()).isEqualTo(3L);
        assertThat(fst.getLong()).isZero();
        long states = fst.getLong();
        long arcs = fst.getLong();
        assertThat(states).isEqualTo(14);
        assertThat(arcs).isEqualTo(51);
        int finals = 0;
        int counted = 0;
        for (int s = 0; s < states; s++) {
            if (fst.getFloat() == 0f) {
                finals++;
            }
            long n = fst.getLong();
            int previous = 0;
            for (int a = 0; a < n; a++, counted++) {
                int ilabel = fst.getInt();
                fst.getInt();
                fst.getFloat();
                assertThat(fst.getInt()).isBetween(0, 13);
                assertThat(ilabel).isGreaterThanOrEqualTo(previous).isBetween(1, 26);
                previous = ilabel;
            }
        }
        assertThat(counted).isEqualTo(51);
        assertThat(finals).as("hubs: start, silence and the last state of each word").isEqualTo(6);
        assertThat(fst.hasRemaining()).isFalse();
    }

    @Test
    void zipHoldsTheModelUnderOneTopLevelFolder() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ToneWordModel.zip()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        assertThat(names).allMatch(name -> name.startsWith(ToneWordModel.ZIP_FOLDER + "/"))
                .contains("vosk-model-tone-words/", "vosk-model-tone-words/graph/phones/",
                        "vosk-model-tone-words/am/final.mdl", "vosk-model-tone-words/graph/HCLG.fst",
                        "vosk-model-tone-words/graph/phones/word_boundary.int");
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
