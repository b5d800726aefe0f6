package dev.podgrep.transcribe.transcript;

import java.util.List;

/**
 * The timed transcript of one episode: segments in time order, each holding its timed words.
 *
 * @param segments segments in time order
 * @param source   how the transcript was obtained
 * @param language BCP-47 language of the speech ({@code en}, {@code ru}), or null when unknown
 * @param complete false when the audio decoded only in part (e.g. a truncated file): the words cover
 *                 just the part that decoded
 */
public record TimedTranscript(List<Segment> segments, TranscriptSource source, String language, boolean complete) {

    public TimedTranscript {
        segments = List.copyOf(segments);
        java.util.Objects.requireNonNull(source, "source");
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start() < segments.get(i - 1).start()) {
                throw new IllegalArgumentException("segments must be in time order");
            }
        }
    }

    public List<Word> words() {
        return segments.stream().flatMap(s -> s.words().stream()).toList();
    }

    public int wordCount() {
        return segments.stream().mapToInt(s -> s.words().size()).sum();
    }
}
