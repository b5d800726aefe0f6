package dev.podgrep.transcribe.vosk;

import dev.podgrep.transcribe.model.VoskModelException;
import dev.podgrep.transcribe.model.VoskModelLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One loaded Vosk model (an unpacked model directory such as vosk-model-small-en-us-0.15) for one language. Loading
 * takes seconds and hundreds of MB for real models, so load it once and share it: any number of threads may
 * transcribe with it at the same time, each with its own recogniser. Closed by its one owner (the
 * application's registry of models); recognisers already running finish safely (Vosk counts references).
 *
 * <p>The directory is checked ({@link VoskModelLayout}) before Vosk sees it, so a wrong path or an incomplete unzip
 * fails with a message that names the directory and the missing files (Vosk itself only says "Failed to create a
 * model").
 */
public final class VoskModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoskModel.class);

    static {
        setNativeLogLevel(LogLevel.WARNINGS);
    }

    private final Path directory;
    private final String language;
    private final Model model;
    private boolean closed;

    private VoskModel(Path directory, String language, Model model) {
        this.directory = directory;
        this.language = language;
        this.model = model;
    }

    /**
     * Sets how much Vosk/Kaldi logs to stderr, for the whole process: {@link LogLevel#WARNINGS} (the default here:
     * warnings and errors only), {@link LogLevel#INFO} (model loading details), {@link LogLevel#DEBUG}.
     */
    public static void setNativeLogLevel(LogLevel level) {
        LibVosk.setLogLevel(level);
    }

    /**
     * Checks and loads the model in {@code directory}.
     *
     * @param directory an unpacked Vosk model directory (the folder holding {@code am/}, {@code conf/},
     *                  {@code graph/}), e.g. as {@link dev.podgrep.transcribe.model.VoskModelStore} provides it
     * @param language  BCP-47 language of the model ({@code en}, {@code ru}), recorded in transcripts
     * @throws VoskModelException when the directory is missing, lacks model files (named in the message), or Vosk
     *                            rejects them
     */
    public static VoskModel load(Path directory, String language) throws VoskModelException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(language, "language");
        Optional<String> problem = VoskModelLayout.problem(directory);
        if (problem.isPresent()) {
            throw new VoskModelException(language, directory.toString(),
                    problem.get() + nestedModelHint(directory), null);
        }
        long started = System.nanoTime();
        Model model;
        try {
            model = new Model(directory.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new VoskModelException(language, directory.toString(), "its files are present but Vosk could not"
                    + " load them (corrupt, or an incompatible format; Kaldi's reason is logged on stderr): "
                    + e.getMessage(), e);
        }
        log.info("Loaded Vosk model {} ({}) in {} ms", directory, language, (System.nanoTime() - started) / 1_000_000);
        return new VoskModel(directory, language, model);
    }

    /** "; it holds a model in the subdirectory X: use that path" when a zip was unpacked one level too high. */
    private static String nestedModelHint(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isDirectory)
                    .filter(child -> VoskModelLayout.missingFiles(child).isEmpty())
                    .map(child -> "; it holds a model in the subdirectory " + child.getFileName() + ": use that path")
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** The model directory. */
    public Path directory() {
        return directory;
    }

    /** The model's language ({@code en}, {@code ru}). */
    public String language() {
        return language;
    }

    /**
     * A new recogniser at {@code sampleRate} Hz with word times on; the caller closes it.
     *
     * @throws IllegalStateException when the model has been closed
     */
    synchronized Recognizer newRecognizer(float sampleRate) throws IOException {
        if (closed) {
            throw new IllegalStateException("Vosk model " + directory + " is closed");
        }
        Recognizer recognizer = new Recognizer(model, sampleRate);
        recognizer.setWords(true);
        return recognizer;
    }

    /** Releases the model (its memory goes once running recognisers are closed too). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    @Override
    public String toString() {
        return "VoskModel[" + directory + ", " + language + "]";
    }
}
