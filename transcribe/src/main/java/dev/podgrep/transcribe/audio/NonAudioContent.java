package dev.podgrep.transcribe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises files that are plainly not audio, to say so in error messages: a podcast host that answers a download
 * with an HTML error page ("200 OK", text/html) is the common case.
 */
final class NonAudioContent {

    private static final int SNIFF_BYTES = 1024;

    private NonAudioContent() {
    }

    /** "it is an HTML page, not audio" and the like when the file's first bytes are text, else empty. */
    static Optional<String> describe(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (head.length == 0 || !isText(head)) {
            return Optional.empty();
        }
        String text = new String(head, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("\ufeff")) {
            text = text.substring(1).strip();
        }
        if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.contains("<html")) {
            return Optional.of("it is an HTML page, not audio (an error page served instead of the file?)");
        }
        if (text.startsWith("<?xml") || text.startsWith("<rss") || text.startsWith("<")) {
            return Optional.of("it is an XML document, not audio");
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return Optional.of("it is a JSON document, not audio");
        }
        return Optional.of("it is a text file, not audio");
    }

    /** True when the bytes hold no NULs and almost only printable characters or whitespace. */
    private static boolean isText(byte[] bytes) {
        int suspicious = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                suspicious++;
            }
        }
        return suspicious * 20 < bytes.length;
    }
}
