package dev.podgrep.transcribe.vosk;

import java.util.OptionalDouble;

/**
 * Told how far a transcription has come, about every half second of audio (called on the transcribing thread: keep it
 * quick).
 */
@FunctionalInterface
public interface TranscriptionProgress {

    /** Ignores progress. */
    TranscriptionProgress NONE = (done, total) -> {
    };

    /**
     * @param secondsDone  seconds of audio transcribed so far
     * @param secondsTotal the audio's total duration in seconds when known (from the file, or the caller's hint)
     */
    void update(double secondsDone, OptionalDouble secondsTotal);
}
