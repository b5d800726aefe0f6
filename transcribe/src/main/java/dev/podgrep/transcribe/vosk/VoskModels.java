package dev.podgrep.transcribe.vosk;

import dev.podgrep.transcribe.model.VoskModelException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Vosk models of an application, one per language, each loaded on first use and then shared; the single owner
 * of those models, closing them all in {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (VoskModels models = new VoskModels(Map.of("en", Path.of("models/vosk-model-small-en-us-0.15")))) {
 *     VoskTranscriber english = new VoskTranscriber(models.forLanguage("en"));
 *     ...
 * }
 * }</pre>
 */
public final class VoskModels implements AutoCloseable {

    private final Map<String, Path> directories;
    private final Map<String, VoskModel> loaded = new HashMap<>();
    private boolean closed;

    /**
     * @param directoriesByLanguage unpacked model directory per language ({@code en}, {@code ru}); checked when a
     *                              language is first used
     */
    public VoskModels(Map<String, Path> directoriesByLanguage) {
        this.directories = Map.copyOf(directoriesByLanguage);
    }

    /** The languages that have a model directory. */
    public Set<String> languages() {
        return directories.keySet();
    }

    /**
     * The model for {@code language}, loading it on first use (other callers wait meanwhile).
     *
     * @throws VoskModelException       when the language's directory is not a usable model
     * @throws IllegalArgumentException when no model is configured for {@code language}
     * @throws IllegalStateException    after {@link #close()}
     */
    public synchronized VoskModel forLanguage(String language) throws VoskModelException {
        Objects.requireNonNull(language, "language");
        if (closed) {
            throw new IllegalStateException("the Vosk models are closed");
        }
        VoskModel model = loaded.get(language);
        if (model == null) {
            Path directory = directories.get(language);
            if (directory == null) {
                throw new IllegalArgumentException("no Vosk model configured for language '" + language
                        + "' (configured: " + new LinkedHashMap<>(directories).keySet() + ")");
            }
            model = VoskModel.load(directory, language);
            loaded.put(language, model);
        }
        return model;
    }

    /** Closes every loaded model. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        loaded.values().forEach(VoskModel::close);
        loaded.clear();
    }
}
