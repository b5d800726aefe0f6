package dev.podgrep.transcribe.vosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one Vosk result ({@code getResult()} / {@code getFinalResult()} with words on):
 * <pre>{@code {"result":[{"conf":1.0,"end":1.50,"start":0.99,"word":"alpha"}, ...],"text":"alpha ..."}}</pre>
 * and cuts its words into segments of at most {@link #MAX_SEGMENT_SECONDS}.
 */
final class VoskResult {

    /** Longest segment: a longer utterance is split at word boundaries. */
    static final double MAX_SEGMENT_SECONDS = 30.0;
    /** Vosk's token for an out-of-vocabulary word in some models: not a word anyone searches for. */
    private static final String UNKNOWN_WORD = "[unk]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoskResult() {
    }

    /** The words of one result JSON, times absolute as Vosk gives them; empty for a result without words. */
    static List<Word> words(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Vosk returned a result that is not JSON: " + abbreviate(json), e);
        }
        JsonNode result = root.path("result");
        if (!result.isArray()) {
            if (!root.path("text").asText("").isBlank()) {
                throw new IllegalStateException("Vosk returned text without word times (does the model lack"
                        + " graph/phones/word_boundary.int?): " + abbreviate(json));
            }
            return List.of();
        }
        List<Word> words = new ArrayList<>(result.size());
        for (JsonNode item : result) {
            String text = item.path("word").asText("");
            if (text.isBlank() || text.equals(UNKNOWN_WORD)) {
                continue;
            }
            double start = Math.max(0, item.path("start").asDouble());
            double end = Math.max(start, item.path("end").asDouble());
            double confidence = Math.min(1, Math.max(0, item.path("conf").asDouble(1.0)));
            words.add(Word.measured(text, start, end, confidence));
        }
        return words;
    }

    /** The words of one utterance as segments, each spanning at most {@link #MAX_SEGMENT_SECONDS}. */
    static List<Segment> segments(List<Word> words) {
        List<Segment> segments = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (Word word : words) {
            if (!current.isEmpty() && word.end() - current.getFirst().start() > MAX_SEGMENT_SECONDS) {
                segments.add(new Segment(current));
                current = new ArrayList<>();
            }
            current.add(word);
        }
        if (!current.isEmpty()) {
            segments.add(new Segment(current));
        }
        return segments;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
