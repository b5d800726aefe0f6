package dev.podgrep.transcribe.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The quirk files under {@code src/test/resources/transcripts/}. */
final class TranscriptFiles {

    private TranscriptFiles() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = TranscriptFiles.class.getResourceAsStream("/transcripts/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource transcripts/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
