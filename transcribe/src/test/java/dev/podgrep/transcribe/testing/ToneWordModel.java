package dev.podgrep.transcribe.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The tiny, self-made "tone words" Vosk model of {@code shared/docs/tiny-vosk-model.md}: a valid Kaldi nnet3 model
 * (Vosk "v2" directory layout, 4.5 KB) that "recognises" four words, each a pure tone (see {@link ToneWordAudio}):
 * alpha 400 Hz, bravo 900 Hz, charlie 1700 Hz, delta 3000 Hz. Real libvosk loads it, so tests exercise the real Vosk
 * code path ({@code Model}, {@code Recognizer}, word times and confidences) without a real speech model.
 *
 * <pre>{@code
 * Path model = ToneWordModel.writeTo(tempDir.resolve("model"));   // a directory usable as a Vosk model path
 * byte[] zip = ToneWordModel.zip();  // the same files under "vosk-model-tone-words/", like an official model zip
 * }</pre>
 */
public final class ToneWordModel {

    /** The top-level folder inside {@link #zip()}, as official model zips have one (e.g. vosk-model-small-en-us-0.15). */
    public static final String ZIP_FOLDER = "vosk-model-tone-words";

    /** The words the model knows, in word-id order (ids 1..4). */
    public static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta");

    private ToneWordModel() {
    }

    /**
     * Writes the model's files into {@code dir} (created when missing) and returns {@code dir}.
     *
     * @param dir the model directory to create, e.g. {@code tempDir.resolve("vosk-model-tone-words")}
     * @return {@code dir}, ready to be given to Vosk as the model path
     */
    public static Path writeTo(Path dir) {
        try {
            for (Map.Entry<String, byte[]> file : files().entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tone-word model to " + dir, e);
        }
    }

    /**
     * The model as a zip whose entries sit under one top-level folder {@value #ZIP_FOLDER}/, with directory
     * entries, like the official Vosk model zips.
     */
    public static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            List<String> directories = new ArrayList<>(List.of(ZIP_FOLDER + "/"));
            for (String path : files().keySet()) {
                String parent = ZIP_FOLDER + "/" + path;
                while (parent.lastIndexOf('/') > ZIP_FOLDER.length()) {
                    parent = parent.substring(0, parent.lastIndexOf('/'));
                    if (!directories.contains(parent + "/")) {
                        directories.add(parent + "/");
                    }
                }
            }
            directories.sort(Comparator.naturalOrder());
            for (String directory : directories) {
                zip.putNextEntry(new ZipEntry(directory));
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> file : files().entrySet()) {
                zip.putNextEntry(new ZipEntry(ZIP_FOLDER + "/" + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the tone-word model", e);
        }
        return bytes.toByteArray();
    }

    /** The model's files by relative path ('/'-separated). */
    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("conf/mfcc.conf", ascii(MFCC_CONF));
        files.put("conf/model.conf", ascii(MODEL_CONF));
        files.put("graph/words.txt", ascii(wordsTxt()));
        files.put("graph/phones/word_boundary.int", ascii(WORD_BOUNDARY));
        files.put("am/final.mdl", ascii(finalMdl()));
        files.put("graph/HCLG.fst", hclgFst());
        return files;
    }

    private static final String MFCC_CONF = """
            --sample-frequency=16000
            --use-energy=false
            --num-mel-bins=23
            --num-ceps=13
            --low-freq=20
            --high-freq=0
            --dither=0.0
            """;

    /** acoustic-scale 1.0 and frame-subsampling-factor 3 matter (Vosk assumes 0.03 s per output frame). */
    private static final String MODEL_CONF = """
            --min-active=200
            --max-active=3000
            --beam=10.0
            --lattice-beam=2.0
            --acoustic-scale=1.0
            --frame-subsampling-factor=3
            --endpoint.silence-phones=1
            --endpoint.rule2.min-trailing-silence=0.5
            --endpoint.rule3.min-trailing-silence=1.0
            --endpoint.rule4.min-trailing-silence=2.0
            """;

    /** Without it Vosk gives no word times. */
    private static final String WORD_BOUNDARY = """
            1 nonword
            2 singleton
            3 singleton
            4 singleton
            5 singleton
            """;

    private static String wordsTxt() {
        StringBuilder words = new StringBuilder("<eps> 0\n");
        for (int i = 0; i < WORDS.size(); i++) {
            words.append(WORDS.get(i)).append(' ').append(i + 1).append('\n');
        }
        return words.toString();
    }

    /** Weights of one output (pdf) per 13 MFCC coefficients; each row of the affine layer repeats it 3 times. */
    private static final String[][] PDF_WEIGHTS = {
            {"-0.009738", "-0.0051", "0.002531", "0.0007398", "0.003154", "0.008732", "0.001056", "0.004775",
                    "0.004084", "-0.0002346", "0.01907", "0.01475", "-0.03181"},
            {"0.002724", "0.005502", "0.006864", "0.0008922", "-0.002249", "-0.009645", "-0.00472", "-0.008495",
                    "-0.00705", "-0.005143", "0.002703", "0.01278", "0.008319"},
            {"0.001851", "0.002662", "-0.001093", "-0.006725", "-0.006188", "0.001934", "0.003676", "0.008247",
                    "0.001203", "-0.007869", "-0.01516", "-0.004111", "0.005044"},
            {"0.002383", "-3.139e-05", "-0.005584", "-0.001391", "0.007911", "0.005659", "-0.004413", "-0.003913",
                    "0.008682", "0.004802", "-0.01024", "-0.009623", "0.00731"},
            {"0.002781", "-0.003033", "-0.002718", "0.006484", "-0.002628", "-0.006679", "0.004401", "-0.0006143",
                    "-0.006919", "0.008446", "0.003632", "-0.01379", "0.01114"},
    };

    /** am/final.mdl in Kaldi text format: TransitionModel, Nnet3, then contexts and (empty) priors. */
    private static String finalMdl() {
        StringBuilder mdl = new StringBuilder();
        mdl.append("<TransitionModel> \n<Topology> \n");
        mdl.append("<TopologyEntry> \n<ForPhones> \n2 3 4 5 \n</ForPhones> \n");
        for (int state = 0; state < 3; state++) {
            mdl.append("<State> ").append(state).append(" <PdfClass> 0 <Transition> ").append(state)
                    .append(" 0.5 <Transition> ").append(state + 1).append(" 0.5 </State> \n");
        }
        mdl.append("<State> 3 </State> \n</TopologyEntry> \n");
        mdl.append("<TopologyEntry> \n<ForPhones> \n1 \n</ForPhones> \n");
        mdl.append("<State> 0 <PdfClass> 0 <Transition> 0 0.5 <Transition> 1 0.5 </State> \n");
        mdl.append("<State> 1 </State> \n</TopologyEntry> \n");
        mdl.append("</Topology> \n");
        mdl.append("<Triples> 13 \n1 0 0 \n");
        for (int phone = 2; phone <= 5; phone++) {
            for (int state = 0; state < 3; state++) {
                mdl.append(phone).append(' ').append(state).append(' ').append(phone - 1).append(" \n");
            }
        }
        mdl.append("</Triples> \n<LogProbs> \n [ 0");
        for (int i = 0; i < 26; i++) {
            mdl.append(" -0.69314718");
        }
        mdl.append(" ]\n</LogProbs> \n</TransitionModel> \n");

        mdl.append("<Nnet3> \n");
        mdl.append("input-node name=input dim=13\n");
        mdl.append("component-node name=affine component=affine"
                + " input=Append(Offset(input,-1),input,Offset(input,1))\n");
        mdl.append("component-node name=log_softmax component=log_softmax input=affine\n");
        mdl.append("output-node name=output input=log_softmax objective=linear\n");
        mdl.append("\n");
        mdl.append("<NumComponents> 2 \n");
        mdl.append("<ComponentName> affine <FixedAffineComponent> <LinearParams> [\n");
        for (int pdf = 0; pdf < PDF_WEIGHTS.length; pdf++) {
            mdl.append(' ');
            for (int repeat = 0; repeat < 3; repeat++) {
                for (String weight : PDF_WEIGHTS[pdf]) {
                    mdl.append(' ').append(weight);
                }
            }
            mdl.append(pdf == PDF_WEIGHTS.length - 1 ? " ]\n" : "\n");
        }
        mdl.append("<BiasParams> [ 6.3 -1.1 -1.652 -1.677 -1.871 ]\n");
        mdl.append("</FixedAffineComponent> \n");
        mdl.append("<ComponentName> log_softmax <LogSoftmaxComponent> <Dim> 5 <ValueAvg> [ ] <DerivAvg> [ ]"
                + " <Count> 0 </LogSoftmaxComponent> \n");
        mdl.append("</Nnet3> \n");
        mdl.append("<LeftContext> 1 <RightContext> 1 <Priors> [ ]\n");
        return mdl.toString();
    }

    private record Arc(int ilabel, int olabel, float weight, int nextState) {
    }

    private static final int SILENCE_STATE = 1;
    private static final float SILENCE_ENTRY_COST = 1.0f;
    /** With ln 5 (about 1.6) start times came out late and fractional; 5.0 gives clean word boundaries. */
    private static final float WORD_ENTRY_COST = 5.0f;

    /** First chain state (A) of word {@code wordId} (1..4); B and C follow it. */
    private static int chainStart(int wordId) {
        return 2 + 3 * (wordId - 1);
    }

    /** Transition-state (1..13, in triple order) of HMM state {@code hmmState} of word {@code wordId}. */
    private static int transitionState(int wordId, int hmmState) {
        return 2 + 3 * (wordId - 1) + hmmState;
    }

    private static int selfLoop(int transitionState) {
        return 2 * transitionState - 1;
    }

    private static int forward(int transitionState) {
        return 2 * transitionState;
    }

    /** graph/HCLG.fst: OpenFst binary "vector"/"standard", 14 states, 51 arcs, no epsilons, arcs sorted by ilabel. */
    private static byte[] hclgFst() {
        int stateCount = 2 + 3 * WORDS.size();
        List<List<Arc>> arcs = new ArrayList<>();
        boolean[] hub = new boolean[stateCount];
        for (int s = 0; s < stateCount; s++) {
            arcs.add(new ArrayList<>());
        }
        hub[0] = true;
        hub[SILENCE_STATE] = true;
        arcs.get(SILENCE_STATE).add(new Arc(selfLoop(1), 0, 0f, SILENCE_STATE));
        for (int word = 1; word <= WORDS.size(); word++) {
            int a = chainStart(word);
            int b = a + 1;
            int c = a + 2;
            arcs.get(a).add(new Arc(selfLoop(transitionState(word, 0)), 0, 0f, a));
            arcs.get(a).add(new Arc(forward(transitionState(word, 1)), 0, 0f, b));
            arcs.get(b).add(new Arc(selfLoop(transitionState(word, 1)), 0, 0f, b));
            arcs.get(b).add(new Arc(forward(transitionState(word, 2)), 0, 0f, c));
            arcs.get(c).add(new Arc(selfLoop(transitionState(word, 2)), 0, 0f, c));
            hub[c] = true;
        }
        for (int s = 0; s < stateCount; s++) {
            if (hub[s]) {
                arcs.get(s).add(new Arc(forward(1), 0, SILENCE_ENTRY_COST, SILENCE_STATE));
                for (int word = 1; word <= WORDS.size(); word++) {
                    arcs.get(s).add(new Arc(forward(transitionState(word, 0)), word, WORD_ENTRY_COST,
                            chainStart(word)));
                }
            }
            arcs.get(s).sort(Comparator.comparingInt(Arc::ilabel));
        }
        int arcCount = arcs.stream().mapToInt(List::size).sum();

        ByteBuffer fst = ByteBuffer.allocate(128 + stateCount * 12 + arcCount * 16).order(ByteOrder.LITTLE_ENDIAN);
        fst.putInt(2125659606);
        putString(fst, "vector");
        putString(fst, "standard");
        fst.putInt(2);          // version
        fst.putInt(0);          // flags: no symbol tables
        fst.putLong(0x3L);      // properties: expanded, mutable
        fst.putLong(0);         // start state
        fst.putLong(stateCount);
        fst.putLong(arcCount);
        for (int s = 0; s < stateCount; s++) {
            fst.putFloat(hub[s] ? 0f : Float.POSITIVE_INFINITY);
            fst.putLong(arcs.get(s).size());
            for (Arc arc : arcs.get(s)) {
                fst.putInt(arc.ilabel()).putInt(arc.olabel()).putFloat(arc.weight()).putInt(arc.nextState());
            }
        }
        byte[] bytes = new byte[fst.position()];
        fst.flip().get(bytes);
        return bytes;
    }

    private static void putString(ByteBuffer buffer, String value) {
        byte[] bytes = ascii(value);
        buffer.putInt(bytes.length).put(bytes);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
