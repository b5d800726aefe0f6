package dev.podgrep.app.search;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Episodes and transcripts with known word timings, for search tests. */
public final class TranscriptFixtures {

    private TranscriptFixtures() {
    }

    public static Episode episode(String id, String feed, String language, String title, String published) {
        return new Episode(id, feed, language, "guid-" + id, title, Instant.parse(published), "", 
                "https://example.org/episodes/" + id,
                new Enclosure("https://cdn.example.org/audio/" + id + ".mp3", "audio/mpeg", 1000), 1800.0, List.of());
    }

    /**
     * A segment from text, each word 0.4 s long with 0.1 s gaps, starting at {@code start}: word i starts at
     * {@code start + 0.5 * i}.
     */
    public static Segment segment(double start, String text) {
        List<Word> words = new ArrayList<>();
        String[] parts = text.split(" ");
        for (int i = 0; i < parts.length; i++) {
            double s = round(start + 0.5 * i);
            words.add(Word.measured(parts[i], s, round(s + 0.4), 0.9));
        }
        return new Segment(words);
    }

    public static TimedTranscript asr(String language, Segment... segments) {
        return new TimedTranscript(List.of(segments), TranscriptSource.ASR, language, true);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
