package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;

/** Writes a {@link TimedTranscript} in one export format. */
public interface TranscriptWriter {

    /** The whole transcript in this format, lines ended by {@code \n}. */
    String write(TimedTranscript transcript);
}
