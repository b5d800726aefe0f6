package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;

/** The timed formats podgrep accepts as a publisher's transcript ({@code podcast:transcript}). */
public enum PublisherTranscriptFormat {

    /** SubRip ({@link SrtTranscriptFormat}). */
    SRT("SRT", new SrtTranscriptFormat()),
    /** WebVTT ({@link WebVttTranscriptFormat}). */
    WEBVTT("WebVTT", new WebVttTranscriptFormat()),
    /** Podcasting 2.0 JSON ({@link PodcastingJsonTranscriptFormat}). */
    PODCASTING_JSON("Podcasting 2.0 JSON", new PodcastingJsonTranscriptFormat());

    private final String displayName;
    private final TranscriptParser parser;

    PublisherTranscriptFormat(String displayName, TranscriptParser parser) {
        this.displayName = displayName;
        this.parser = parser;
    }

    /** The format's name as users know it ({@code SRT}, {@code WebVTT}, {@code Podcasting 2.0 JSON}). */
    public String displayName() {
        return displayName;
    }

    /** Parses content of this format; see {@link TranscriptParser#parse}. */
    public TimedTranscript parse(String content, String language) throws TranscriptFormatException {
        return parser.parse(content, language);
    }
}
