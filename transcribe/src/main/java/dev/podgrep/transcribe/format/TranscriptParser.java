package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;

/** Reads one publisher transcript format (SRT, WebVTT, Podcasting 2.0 JSON) into a {@link TimedTranscript}. */
public interface TranscriptParser {

    /**
     * Parses a whole transcript.
     *
     * @param content  the transcript text (a leading byte-order mark and CRLF line ends are accepted)
     * @param language BCP-47 language of the speech ({@code en}, {@code ru}), or null when unknown
     * @return the transcript with source {@code PUBLISHER}, segments ordered by start time
     * @throws TranscriptFormatException when the content is malformed or holds no cue with text
     */
    TimedTranscript parse(String content, String language) throws TranscriptFormatException;
}
