package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;

/** The timed formats podgrep accepts as a publisher's transcript ({@code podcast:transcript}). */
public enum PublisherTranscriptFormat {

    /** SubRip ({@link SrtTranscriptFormat}). */
    SRT(new SrtTranscriptFormat()),
    /** WebVTT ({@link WebVttTranscriptFormat}). */
    WEBVTT(new WebVttTranscriptFormat()),
    /** Podcasting 2.0 JSON ({@link PodcastingJsonTranscriptFormat}). */
    PODCASTING_JSON(new PodcastingJsonTranscriptFormat());

    private final TranscriptParser parser;

    PublisherTranscriptFormat(TranscriptParser parser) {
        this.parser = parser;
    }

    /** Parses content of this format; see {@link TranscriptParser#parse}. */
    public TimedTranscript parse(String content, String language) throws TranscriptFormatException {
        return parser.parse(content, language);
    }
}
