package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;

import java.util.Comparator;
import java.util.List;

/**
 * One publisher cue as read from a file, before it becomes a {@link Segment}.
 *
 * @param line        the 1-based line where the cue starts (its timing line), for messages
 * @param startMillis cue start
 * @param endMillis   cue end
 * @param words       the cue's words with their times; empty when the cue holds no text
 */
record Cue(int line, long startMillis, long endMillis, List<Word> words) {

    Cue {
        words = List.copyOf(words);
    }

    /**
     * The publisher transcript made of these cues: cues without words are skipped, the others become one segment
     * each, ordered by start time; cues that start at the same time keep their order in the file. Overlapping cues
     * (two speakers at once) stay separate segments.
     *
     * @throws TranscriptFormatException when no cue holds text
     */
    static TimedTranscript transcript(List<Cue> cues, String format, String language) throws TranscriptFormatException {
        List<Segment> segments = cues.stream()
                .filter(cue -> !cue.words().isEmpty())
                .sorted(Comparator.comparingLong(Cue::startMillis)) // stable: equal starts keep file order
                .map(cue -> new Segment(cue.words()))
                .toList();
        if (segments.isEmpty()) {
            throw new TranscriptFormatException(format, 0, cues.isEmpty()
                    ? "holds no cues"
                    : "holds " + cues.size() + " cue(s) but none with text");
        }
        return new TimedTranscript(segments, TranscriptSource.PUBLISHER, language, true);
    }
}
