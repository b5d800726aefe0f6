package dev.podgrep.transcribe.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a directory needs for libvosk to load it as a model and give word times, checked before Vosk is
 * handed the directory: Vosk itself reports any problem only as "Failed to create a model".
 *
 * <p>Vosk accepts two layouts (vosk-api {@code src/model.cc}):
 * <ul>
 *   <li>"v2", used by all current models: {@code am/final.mdl} and {@code conf/model.conf}; features from
 *       {@code conf/mfcc.conf} (or {@code conf/fbank.conf}); the decoding graph {@code graph/HCLG.fst}, or for
 *       lookahead models {@code graph/HCLr.fst} with {@code graph/Gr.fst} and {@code graph/disambig_tid.int};</li>
 *   <li>"v1", older models: {@code final.mdl} and {@code mfcc.conf} at the top, {@code HCLG.fst} or
 *       {@code HCLr.fst} + {@code Gr.fst} + {@code disambig_tid.int} beside them.</li>
 * </ul>
 * podgrep also requires the word boundaries ({@code graph/phones/word_boundary.int}, v1: {@code word_boundary.int}):
 * Vosk loads a model without them but then gives no word times, and podgrep's hits are word times.
 * Files a model may have but need not (i-vector extractor, rescoring, {@code words.txt} when the graph carries its
 * symbols) are not checked.
 */
public final class VoskModelLayout {

    private VoskModelLayout() {
    }

    /**
     * What {@code dir} lacks to be a usable model, as paths relative to it (alternatives in parentheses); empty when
     * it has all it needs. A directory that does not exist lacks everything of the v2 layout.
     */
    public static List<String> missingFiles(Path dir) {
        boolean v2 = exists(dir, "am/final.mdl") && exists(dir, "conf/model.conf");
        boolean v1 = !v2 && exists(dir, "final.mdl") && exists(dir, "mfcc.conf");
        boolean looksV1 = !v2 && !exists(dir, "am/final.mdl") && !exists(dir, "conf/model.conf")
                && (exists(dir, "final.mdl") || exists(dir, "mfcc.conf"));
        List<String> missing = new ArrayList<>();
        if (v1 || looksV1) {
            require(dir, missing, "final.mdl");
            require(dir, missing, "mfcc.conf");
            requireGraph(dir, missing, "");
            require(dir, missing, "word_boundary.int");
        } else {
            require(dir, missing, "am/final.mdl");
            require(dir, missing, "conf/model.conf");
            if (!exists(dir, "conf/mfcc.conf") && !exists(dir, "conf/fbank.conf")) {
                missing.add("conf/mfcc.conf (or conf/fbank.conf)");
            }
            requireGraph(dir, missing, "graph/");
            require(dir, missing, "graph/phones/word_boundary.int");
        }
        return missing;
    }

    /**
     * Why {@code dir} is not a usable model, as a sentence naming the directory, e.g.
     * {@code model directory /x/y lacks am/final.mdl}; empty when it is usable.
     */
    public static Optional<String> problem(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.of("model directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("model path " + dir + " is not a directory");
        }
        List<String> missing = missingFiles(dir);
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("model directory " + dir + " lacks " + String.join(", ", missing));
    }

    private static void requireGraph(Path dir, List<String> missing, String prefix) {
        if (exists(dir, prefix + "HCLG.fst")) {
            return;
        }
        List<String> lookahead = List.of(prefix + "HCLr.fst", prefix + "Gr.fst", prefix + "disambig_tid.int");
        List<String> absent = lookahead.stream().filter(file -> !exists(dir, file)).toList();
        if (absent.size() == lookahead.size()) {
            missing.add(prefix + "HCLG.fst (or " + prefix + "HCLr.fst with " + prefix + "Gr.fst and "
                    + prefix + "disambig_tid.int)");
        } else {
            absent.forEach(file -> missing.add(file + " (for the lookahead graph " + prefix + "HCLr.fst + "
                    + prefix + "Gr.fst)"));
        }
    }

    private static void require(Path dir, List<String> missing, String file) {
        if (!exists(dir, file)) {
            missing.add(file);
        }
    }

    private static boolean exists(Path dir, String file) {
        return Files.isRegularFile(dir.resolve(file));
    }
}
