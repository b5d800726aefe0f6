package dev.podgrep.transcribe.model;

import java.nio.file.Path;

/** The outcome of providing one language's model: {@link Ready} with its directory, or {@link Failed} with why. */
public sealed interface ModelProvisioning permits ModelProvisioning.Ready, ModelProvisioning.Failed {

    /** The language the outcome is for. */
    String language();

    /**
     * The model is usable.
     *
     * @param directory the validated model directory, to give to {@code new org.vosk.Model(directory.toString())}
     */
    record Ready(String language, Path directory) implements ModelProvisioning {
    }

    /**
     * The model is not available; other languages may still be.
     *
     * @param error names the language, the directory or URL, and what went wrong
     */
    record Failed(String language, VoskModelException error) implements ModelProvisioning {
    }
}
