package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The formats a timed transcript can be exported in, by the names the API takes ({@code ?format=json|srt|vtt|txt}).
 */
public enum TranscriptExportFormat {

    /** podgrep's own JSON: segments with their words' start, end and confidence ({@link PodgrepJsonTranscriptFormat}). */
    JSON("json", "application/json", new PodgrepJsonTranscriptFormat()),
    /** SubRip subtitles, one cue per segment ({@link SrtTranscriptFormat}). */
    SRT("srt", "application/x-subrip", new SrtTranscriptFormat()),
    /** WebVTT subtitles, one cue per segment ({@link WebVttTranscriptFormat}). */
    VTT("vtt", "text/vtt", new WebVttTranscriptFormat()),
    /** Plain text, one line per segment ({@link PlainTextTranscriptFormat}). */
    TXT("txt", "text/plain", new PlainTextTranscriptFormat()),
    /**
     * The Podcasting 2.0 JSON transcript, one segment per podgrep segment ({@link PodcastingJsonTranscriptFormat}):
     * what podcast apps read from {@code <podcast:transcript type="application/json">}.
     */
    PODCASTING2("podcasting2", "application/json", new PodcastingJsonTranscriptFormat());

    private final String formatName;
    private final String mediaType;
    private final TranscriptWriter writer;

    TranscriptExportFormat(String formatName, String mediaType, TranscriptWriter writer) {
        this.formatName = formatName;
        this.mediaType = mediaType;
        this.writer = writer;
    }

    /**
     * The format of an API name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted names when {@code name} is none of them
     */
    public static TranscriptExportFormat byName(String name) {
        for (TranscriptExportFormat format : values()) {
            if (format.formatName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown transcript format '" + name + "': expected one of "
                + Arrays.stream(values()).map(f -> f.formatName).collect(Collectors.joining(", ")));
    }

    /** The name in the API and the usual file extension: {@code json}, {@code srt}, {@code vtt}, {@code txt}. */
    public String formatName() {
        return formatName;
    }

    /** The media type to serve the export as (UTF-8 text). */
    public String mediaType() {
        return mediaType;
    }

    /** The transcript in this format. */
    public String write(TimedTranscript transcript) {
        return writer.write(transcript);
    }
}
