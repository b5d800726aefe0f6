package dev.podgrep.transcribe.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * podgrep's own JSON transcript, written by the API ({@code ?format=json}) and read back without loss:
 * <pre>{@code
 * {"source":"asr","language":"en","complete":true,
 *  "segments":[{"start":0.99,"end":2.4,"text":"alpha charlie",
 *               "words":[{"word":"alpha","start":0.99,"end":1.5,"conf":1.0}, ...]}]}
 * }</pre>
 * Times are seconds, written with the shortest decimal that reads back as the same {@code double}, so a transcript
 * round-trips exactly. A word whose times were interpolated inside a publisher cue carries
 * {@code "interpolated":true}; the flag is omitted otherwise. A segment's {@code start}, {@code end} and
 * {@code text} are derived from its words; on reading they are optional but, when present, must agree with the
 * words (a hand-edited text that no longer matches its words is an error rather than silently dropped).
 */
public final class PodgrepJsonTranscriptFormat implements TranscriptWriter {

    static final String NAME = "podgrep JSON";

    @Override
    public String write(TimedTranscript transcript) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonTranscriptDocument.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("source", transcript.source().wireName());
            json.writeStringField("language", transcript.language());
            json.writeBooleanField("complete", transcript.complete());
            json.writeArrayFieldStart("segments");
            for (Segment segment : transcript.segments()) {
                json.writeStartObject();
                json.writeNumberField("start", segment.start());
                json.writeNumberField("end", segment.end());
                json.writeStringField("text", segment.text());
                json.writeArrayFieldStart("words");
                for (Word word : segment.words()) {
                    json.writeStartObject();
                    json.writeStringField("word", word.text());
                    json.writeNumberField("start", word.start());
                    json.writeNumberField("end", word.end());
                    json.writeNumberField("conf", word.confidence());
                    if (word.interpolated()) {
                        json.writeBooleanField("interpolated", true);
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Reads a transcript written by {@link #write}.
     *
     * @throws TranscriptFormatException when the JSON is invalid or a field is missing or wrong; the message names
     *                                   the segment's line and index and the field
     */
    public TimedTranscript read(String json) throws TranscriptFormatException {
        JsonTranscriptDocument document = JsonTranscriptDocument.parse(json, NAME);
        TranscriptSource source = source(document.fields().get("source"));
        JsonNode language = document.fields().get("language");
        if (language != null && !language.isNull() && !language.isTextual()) {
            throw new TranscriptFormatException(NAME, 0, "\"language\" must be a string or null, found " + language);
        }
        JsonNode complete = document.fields().get("complete");
        if (complete == null || !complete.isBoolean()) {
            throw new TranscriptFormatException(NAME, 0, "\"complete\" must be true or false, found "
                    + (complete == null ? "nothing" : complete));
        }
        List<Segment> segments = new ArrayList<>();
        for (JsonTranscriptDocument.Located located : document.segments()) {
            segments.add(segment(located));
        }
        try {
            return new TimedTranscript(segments, source,
                    language == null || language.isNull() ? null : language.asText(), complete.asBoolean());
        } catch (IllegalArgumentException e) {
            throw new TranscriptFormatException(NAME, 0, e.getMessage());
        }
    }

    private static TranscriptSource source(JsonNode source) throws TranscriptFormatException {
        if (source != null && source.isTextual()) {
            for (TranscriptSource candidate : TranscriptSource.values()) {
                if (candidate.wireName().equals(source.asText())) {
                    return candidate;
                }
            }
        }
        throw new TranscriptFormatException(NAME, 0, "\"source\" must be \"asr\" or \"publisher\", found "
                + (source == null ? "nothing" : source));
    }

    private static Segment segment(JsonTranscriptDocument.Located located) throws TranscriptFormatException {
        JsonNode node = located.node();
        String where = "segment " + located.index();
        int line = located.line();
        JsonNode wordNodes = node.get("words");
        if (wordNodes == null || !wordNodes.isArray() || wordNodes.isEmpty()) {
            throw new TranscriptFormatException(NAME, line, where + " needs a non-empty \"words\" array");
        }
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < wordNodes.size(); i++) {
            words.add(word(wordNodes.get(i), where + " word " + i, line));
        }
        Segment segment;
        try {
            segment = new Segment(words);
        } catch (IllegalArgumentException e) {
            throw new TranscriptFormatException(NAME, line, where + ": " + e.getMessage());
        }
        JsonNode text = node.get("text");
        if (text != null && !text.asText().equals(segment.text())) {
            throw new TranscriptFormatException(NAME, line, where + " has \"text\" " + text
                    + " that does not match its words \"" + segment.text() + "\"");
        }
        requireDerived(node, "start", segment.start(), where, line);
        requireDerived(node, "end", segment.end(), where, line);
        return segment;
    }

    private static void requireDerived(JsonNode node, String field, double derived, String where, int line)
            throws TranscriptFormatException {
        if (node.has(field)) {
            double written = JsonTranscriptDocument.seconds(node, field, where, line, NAME);
            if (Math.abs(written - derived) > 0.0005) {
                throw new TranscriptFormatException(NAME, line, where + " has \"" + field + "\": " + written
                        + " but its words give " + derived);
            }
        }
    }

    private static Word word(JsonNode node, String where, int line) throws TranscriptFormatException {
        if (node == null || !node.isObject()) {
            throw new TranscriptFormatException(NAME, line, where + " must be an object with word, start, end, conf");
        }
        JsonNode text = node.get("word");
        if (text == null || !text.isTextual()) {
            throw new TranscriptFormatException(NAME, line, where + " needs \"word\" as a string");
        }
        double start = JsonTranscriptDocument.seconds(node, "start", where, line, NAME);
        double end = JsonTranscriptDocument.seconds(node, "end", where, line, NAME);
        JsonNode conf = node.get("conf");
        if (conf == null || !conf.isNumber()) {
            throw new TranscriptFormatException(NAME, line, where + " needs \"conf\" as a number 0..1");
        }
        JsonNode interpolated = node.get("interpolated");
        if (interpolated != null && !interpolated.isBoolean()) {
            throw new TranscriptFormatException(NAME, line, where + " has \"interpolated\": " + interpolated
                    + ", expected true or false");
        }
        try {
            return new Word(text.asText(), start, end, conf.asDouble(), interpolated != null && interpolated.asBoolean());
        } catch (IllegalArgumentException e) {
            throw new TranscriptFormatException(NAME, line, where + ": " + e.getMessage());
        }
    }

}
