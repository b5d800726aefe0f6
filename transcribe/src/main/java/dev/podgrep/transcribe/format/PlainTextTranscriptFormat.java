package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;

/**
 * Plain text ({@code text/plain}): one line per segment, the segment's words joined by single spaces, no times.
 *
 * <p>Write only. Plain text carries no times, so it cannot place words on the audio's time line: a publisher's
 * plain-text transcript is refused as a source ({@link PublisherTranscriptReader}).
 */
public final class PlainTextTranscriptFormat implements TranscriptWriter {

    @Override
    public String write(TimedTranscript transcript) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            out.append(segment.text()).append('\n');
        }
        return out.toString();
    }
}
