package dev.podgrep.transcribe.format;

import java.util.List;

/** The lines of a text transcript: a leading byte-order mark is dropped, CRLF, CR and LF all end a line. */
final class TextLines {

    private TextLines() {
    }

    /** The lines of {@code content}; line {@code n} (1-based) is element {@code n - 1}. */
    static List<String> of(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    /** A line shortened for an error message. */
    static String quote(String line) {
        String shown = line.length() > 60 ? line.substring(0, 57) + "..." : line;
        return "'" + shown + "'";
    }
}
