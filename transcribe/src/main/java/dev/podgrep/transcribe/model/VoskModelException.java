package dev.podgrep.transcribe.model;

/**
 * The Vosk model of one language cannot be provided: its directory is not a model, or its download, checksum or
 * unpacking failed. The message names the language and the directory or URL, e.g.
 * {@code Vosk model for 'en' (https://example.org/m.zip): download failed: HTTP 404 Not Found}.
 * Other languages are not affected.
 */
public class VoskModelException extends Exception {

    private final String language;
    private final String location;

    /**
     * @param language the language whose model failed
     * @param location the directory or URL it was to come from
     * @param problem  what went wrong, for a user
     * @param cause    the underlying error, or null
     */
    public VoskModelException(String language, String location, String problem, Throwable cause) {
        super("Vosk model for '" + language + "' (" + location + "): " + problem, cause);
        this.language = language;
        this.location = location;
    }

    /** The language whose model failed. */
    public String language() {
        return language;
    }

    /** The directory or URL the model was to come from. */
    public String location() {
        return location;
    }
}
