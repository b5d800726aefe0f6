package dev.podgrep.transcribe.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON transcript document of the shape {@code {..., "segments": [{...}, ...]}}, read with the line number of
 * every segment so that errors can say where the bad segment is. Both JSON formats (Podcasting 2.0 and podgrep's
 * own) have this shape.
 *
 * @param fields   the top-level fields other than {@code segments}
 * @param segments the elements of {@code segments}, in document order
 */
record JsonTranscriptDocument(ObjectNode fields, List<Located> segments) {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One element of the {@code segments} array.
     *
     * @param node  the element
     * @param index its index in the array
     * @param line  the 1-based line where it starts
     */
    record Located(JsonNode node, int index, int line) {
    }

    /**
     * @param format the format name for messages
     * @throws TranscriptFormatException on invalid JSON (with its line), a top level that is not an object, or a
     *                                   missing or non-array {@code segments}
     */
    static JsonTranscriptDocument parse(String json, String format) throws TranscriptFormatException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TranscriptFormatException(format, line(parser), "expected a JSON object with a \"segments\" "
                        + "array, found " + describe(parser.currentToken()));
            }
            ObjectNode fields = MAPPER.createObjectNode();
            List<Located> segments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("segments")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new TranscriptFormatException(format, line(parser),
                                "\"segments\" must be an array, found " + describe(value));
                    }
                    segments = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int line = line(parser);
                        segments.add(new Located(MAPPER.readTree(parser), segments.size(), line));
                    }
                } else {
                    fields.set(name, MAPPER.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new TranscriptFormatException(format, line(parser), "unexpected content after the JSON object");
            }
            if (segments == null) {
                throw new TranscriptFormatException(format, 0, "the JSON object has no \"segments\" array");
            }
            return new JsonTranscriptDocument(fields, segments);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TranscriptFormatException(format, Math.max(line, 0), "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TranscriptFormatException(format, 0, "cannot read the JSON: " + e.getMessage(), e);
        }
    }

    private static int line(JsonParser parser) {
        return Math.max(parser.currentTokenLocation().getLineNr(), 0);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /**
     * A number field of a segment; numbers written as strings ({@code "12.5"}) are accepted as publishers write
     * them.
     *
     * @param where a description of the element for messages, e.g. {@code segment 3}
     * @throws TranscriptFormatException when missing, not a number, negative or not finite
     */
    static double seconds(JsonNode node, String field, String where, int line, String format)
            throws TranscriptFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new TranscriptFormatException(format, line, where + " has no \"" + field + "\"");
        }
        double seconds;
        if (value.isNumber()) {
            seconds = value.asDouble();
        } else if (value.isTextual()) {
            try {
                seconds = Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                throw new TranscriptFormatException(format, line, where + " has \"" + field + "\": \"" + value.asText()
                        + "\", which is not a number of seconds");
            }
        } else {
            throw new TranscriptFormatException(format, line, where + " has \"" + field + "\": " + value
                    + ", which is not a number of seconds");
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new TranscriptFormatException(format, line, where + " has \"" + field + "\": " + value
                    + ", expected a number of seconds >= 0");
        }
        return seconds;
    }
}
