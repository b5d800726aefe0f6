package dev.podgrep.app.recognition;

/**
 * The Vosk model of a language cannot be provided right now (not downloadable, not a model, checksum mismatch...).
 * Not the episode's fault: its ASR waits for a later run, it is not FAILED.
 */
public class SpeechModelUnavailableException extends Exception {

    private final String language;

    public SpeechModelUnavailableException(String language, String message, Throwable cause) {
        super(message, cause);
        this.language = language;
    }

    /** @return the language without a model */
    public String language() {
        return language;
    }
}
