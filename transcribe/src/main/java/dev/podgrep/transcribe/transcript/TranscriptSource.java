package dev.podgrep.transcribe.transcript;

/** Where a timed transcript came from. Serialised in lower case ({@code asr}, {@code publisher}). */
public enum TranscriptSource {
    /** Recognised by Vosk from the episode audio. */
    ASR,
    /** Taken from the publisher's {@code podcast:transcript} (SRT, WebVTT, JSON). */
    PUBLISHER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
