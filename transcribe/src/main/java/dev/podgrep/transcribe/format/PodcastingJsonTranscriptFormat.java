package dev.podgrep.transcribe.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The Podcasting 2.0 JSON transcript ({@code application/json},
 * <a href="https://github.com/Podcastindex-org/podcast-namespace/blob/main/transcripts/transcripts.md">podcast
 * namespace</a>): {@code {"version":"1.0.0","segments":[{"speaker","startTime","endTime","body"}]}}, times in seconds.
 *
 * <p>A publisher segment may hold a sentence or a single word:
 * <ul>
 *   <li>a segment whose body is <b>one word</b> gives that word's own times (not interpolated). Consecutive one-word
 *       segments are grouped into podgrep segments, a new one starting when the speaker changes, after a pause of
 *       {@value #PAUSE_SECONDS} s or more, after a word ending a sentence ({@code . ? ! …}), or when the segment
 *       would grow beyond {@value #MAX_SEGMENT_SECONDS} s;</li>
 *   <li>a segment whose body holds <b>several words</b> becomes one podgrep segment whose words are
 *       {@link InterpolatedWords interpolated} within it.</li>
 * </ul>
 * Segments are ordered by start time first (equal starts keep document order). Segments without a body or with a
 * blank one are skipped. Speakers are not kept (the timed-transcript model has none); they only separate segments.
 * Times given as strings ({@code "12.5"}) are accepted; a missing or negative time, or an end before the start, is
 * an error naming the segment's line and index.
 *
 * <p>Written ({@link #write}) with one Podcasting 2.0 segment per podgrep segment (its start, end and text), for podcast
 * apps that show publisher transcripts (AntennaPod prefers this format to all others); podgrep's own JSON
 * ({@link PodgrepJsonTranscriptFormat}) keeps every word's times.
 */
public final class PodcastingJsonTranscriptFormat implements TranscriptParser, TranscriptWriter {

    static final String NAME = "Podcasting 2.0 JSON";

    /** A pause between two publisher words that starts a new segment. */
    static final double PAUSE_SECONDS = 1.5;
    /** The longest segment grouped from one-word publisher segments. */
    static final double MAX_SEGMENT_SECONDS = 30.0;

    /** A publisher segment as read. */
    private record Entry(int index, int line, long startMillis, long endMillis, String speaker, List<String> tokens,
                         String body) {
    }

    @Override
    public String write(TimedTranscript transcript) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = JsonTranscriptDocument.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "1.0.0");
            json.writeArrayFieldStart("segments");
            for (Segment segment : transcript.segments()) {
                json.writeStartObject();
                json.writeNumberField("startTime", segment.start());
                json.writeNumberField("endTime", segment.end());
                json.writeStringField("body", segment.text());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write JSON to memory", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    @Override
    public TimedTranscript parse(String content, String language) throws TranscriptFormatException {
        JsonTranscriptDocument document = JsonTranscriptDocument.parse(content, NAME);
        List<Entry> entries = new ArrayList<>();
        for (JsonTranscriptDocument.Located located : document.segments()) {
            Entry entry = entry(located);
            if (!entry.tokens().isEmpty()) {
                entries.add(entry);
            }
        }
        if (entries.isEmpty()) {
            throw new TranscriptFormatException(NAME, 0, document.segments().isEmpty()
                    ? "\"segments\" is empty"
                    : "holds " + document.segments().size() + " segment(s) but none with a body");
        }
        entries.sort(Comparator.comparingLong(Entry::startMillis));
        return new TimedTranscript(group(entries), TranscriptSource.PUBLISHER, language, true);
    }

    private static Entry entry(JsonTranscriptDocument.Located located) throws TranscriptFormatException {
        JsonNode node = located.node();
        String where = "segment " + located.index();
        if (!node.isObject()) {
            throw new TranscriptFormatException(NAME, located.line(), where + " is " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT) + ", expected an object with startTime, endTime and body");
        }
        long start = CueTimestamp.toMillis(JsonTranscriptDocument.seconds(node, "startTime", where, located.line(), NAME));
        long end = CueTimestamp.toMillis(JsonTranscriptDocument.seconds(node, "endTime", where, located.line(), NAME));
        if (end < start) {
            throw new TranscriptFormatException(NAME, located.line(), where + " ends (endTime " + node.get("endTime")
                    + ") before it starts (startTime " + node.get("startTime") + ")");
        }
        JsonNode body = node.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            throw new TranscriptFormatException(NAME, located.line(), where + " has a \"body\" that is not a string: "
                    + body);
        }
        String text = body == null || body.isNull() ? "" : body.asText();
        JsonNode speaker = node.get("speaker");
        String speakerName = speaker == null || speaker.isNull() ? null : speaker.asText().strip();
        return new Entry(located.index(), located.line(), start, end, speakerName, InterpolatedWords.split(text), text);
    }

    private static List<Segment> group(List<Entry> entries) {
        List<Segment> segments = new ArrayList<>();
        List<Word> run = new ArrayList<>();
        Entry previous = null;
        for (Entry entry : entries) {
            if (entry.tokens().size() > 1) {
                flush(run, segments);
                segments.add(new Segment(InterpolatedWords.spread(entry.body(), entry.startMillis(), entry.endMillis())));
                previous = null;
                continue;
            }
            if (previous != null && startsNewSegment(previous, entry, run)) {
                flush(run, segments);
            }
            run.add(new Word(entry.tokens().getFirst(), CueTimestamp.toSeconds(entry.startMillis()),
                    CueTimestamp.toSeconds(entry.endMillis()), 1.0, false));
            previous = entry;
        }
        flush(run, segments);
        return segments;
    }

    private static boolean startsNewSegment(Entry previous, Entry next, List<Word> run) {
        String previousWord = previous.tokens().getFirst();
        return !Objects.equals(previous.speaker(), next.speaker())
                || next.startMillis() - previous.endMillis() >= PAUSE_SECONDS * 1000
                || previousWord.matches(".*[.?!…][\"'”’»)]*")
                || next.endMillis() - CueTimestamp.toMillis(run.getFirst().start()) > MAX_SEGMENT_SECONDS * 1000;
    }

    private static void flush(List<Word> run, List<Segment> segments) {
        if (!run.isEmpty()) {
            segments.add(new Segment(run));
            run.clear();
        }
    }
}
