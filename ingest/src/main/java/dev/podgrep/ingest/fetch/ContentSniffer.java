package dev.podgrep.ingest.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells audio from the things servers send instead (error pages, login pages, JSON errors) by the first bytes of a
 * response, and judges {@code Content-Type} headers.
 */
final class ContentSniffer {

    private static final Set<String> COMMON_TYPES = Set.of(
            "text/html", "text/plain", "text/xml", "text/css", "text/javascript", "text/csv", "text/vtt",
            "application/xml", "application/json", "application/rss+xml", "application/atom+xml",
            "application/xhtml+xml", "application/javascript", "application/pdf", "application/zip",
            "application/gzip", "application/octet-stream", "binary/octet-stream", "application/x-subrip",
            "application/ogg", "application/mp4", "image/jpeg", "image/png", "image/gif", "image/webp",
            "image/svg+xml", "audio/mpeg", "audio/mp3", "audio/mp4", "audio/x-m4a", "audio/aac", "audio/ogg",
            "audio/opus", "audio/wav", "audio/x-wav", "audio/flac", "audio/x-flac", "audio/webm", "video/mp4",
            "video/webm", "video/quicktime");
    private static final Set<String> TOP_LEVEL_TYPES = Set.of(
            "text", "application", "audio", "video", "image", "font", "model", "multipart", "message");

    /** Bytes needed to recognise every format here. */
    static final int HEAD_BYTES = 64;

    /** What the first bytes are. Exactly one of {@code audio} and {@code notAudio} is set, or neither (unknown). */
    record Verdict(AudioFormat audio, String notAudio) {
        static Verdict unknown() {
            return new Verdict(null, null);
        }

        boolean isAudio() {
            return audio != null;
        }

        boolean isNotAudio() {
            return notAudio != null;
        }
    }

    private ContentSniffer() {
    }

    /**
     * @param head the first bytes of the content (up to {@link #HEAD_BYTES}), possibly fewer
     * @return the audio format, a description of what it is instead ("an HTML page", "JSON"...), or unknown
     */
    static Verdict sniff(byte[] head) {
        if (head.length == 0) {
            return new Verdict(null, "an empty body");
        }
        Optional<AudioFormat> audio = audioFormat(head);
        if (audio.isPresent()) {
            return new Verdict(audio.get(), null);
        }
        return textKind(head).map(kind -> new Verdict(null, kind)).orElse(Verdict.unknown());
    }

    static Optional<AudioFormat> audioFormat(byte[] b) {
        if (startsWith(b, 0, "ID3")) {
            return Optional.of(AudioFormat.MP3);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            int layer = (b[1] >> 1) & 0x3;
            int version = (b[1] >> 3) & 0x3;
            if (layer == 0 && (b[1] & 0xF6) == 0xF0) {
                return Optional.of(AudioFormat.AAC);          // ADTS: sync 0xFFF, layer 00
            }
            if (layer != 0 && version != 1) {
                return Optional.of(AudioFormat.MP3);          // MPEG audio frame: layer and version not reserved
            }
        }
        if (startsWith(b, 4, "ftyp")) {
            return Optional.of(startsWith(b, 8, "M4A ") || startsWith(b, 8, "M4B ") || startsWith(b, 8, "M4P ")
                    ? AudioFormat.M4A : AudioFormat.MP4);
        }
        if (startsWith(b, 0, "OggS")) {
            return Optional.of(startsWith(b, 28, "OpusHead") ? AudioFormat.OPUS : AudioFormat.OGG);
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return Optional.of(AudioFormat.WAV);
        }
        if (startsWith(b, 0, "fLaC")) {
            return Optional.of(AudioFormat.FLAC);
        }
        return Optional.empty();
    }

    /** "an HTML page", "an XML document", "JSON" or "text" when the bytes look like text; else empty. */
    static Optional<String> textKind(byte[] head) {
        int start = startsWith(head, 0, "\uFEFF") ? 3 : 0;   // UTF-8 BOM
        while (start < head.length && isWhitespace(head[start])) {
            start++;
        }
        String text = new String(head, start, head.length - start, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<head")
                || text.startsWith("<body") || text.startsWith("<!--") && text.contains("<html")) {
            return Optional.of("an HTML page");
        }
        if (text.startsWith("<?xml") || text.startsWith("<")) {
            return Optional.of(text.contains("<html") ? "an HTML page" : "an XML document");
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return Optional.of("JSON");
        }
        boolean printable = head.length - start > 0 && Arrays.stream(toInts(head, start)).allMatch(
                c -> c >= 0x20 && c != 0x7F || c == '\n' || c == '\r' || c == '\t' || c >= 0x80);
        return printable && looksLikeUtf8OrAscii(head, start) ? Optional.of("text") : Optional.empty();
    }

    /**
     * Whether a {@code Content-Type} can announce audio: {@code audio/*}, {@code video/*} (video podcasts and
     * {@code video/mp4} for M4A), {@code application/ogg}, and the generic binary types servers use for any file.
     * A missing header is not refused (the bytes decide).
     */
    static boolean mayBeAudio(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mime = mime(contentType);
        return mime.startsWith("audio/") || mime.startsWith("video/") || mime.equals("application/ogg")
                || mime.equals("application/octet-stream") || mime.equals("binary/octet-stream")
                || mime.equals("application/x-download") || mime.equals("application/force-download")
                || mime.equals("application/download") || mime.equals("application/mp4");
    }

    /**
     * A readable name of a content type for a public error: a common type as it is ({@code text/html}), another one
     * only by its top-level type ({@code another application/* type}), so that a server cannot make podgrep repeat
     * arbitrary text; {@code no Content-Type} when absent.
     */
    static String describeContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "no Content-Type";
        }
        String mime = mime(contentType);
        if (COMMON_TYPES.contains(mime)) {
            return mime;
        }
        int slash = mime.indexOf('/');
        String top = slash < 0 ? "" : mime.substring(0, slash);
        return TOP_LEVEL_TYPES.contains(top) ? "another " + top + "/* type" : "an invalid Content-Type";
    }

    static String mime(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean looksLikeUtf8OrAscii(byte[] b, int start) {
        // a quick check: no byte sequences impossible in UTF-8 (0xC0, 0xC1, 0xF5..0xFF); Cyrillic text passes
        for (int i = start; i < b.length; i++) {
            int c = b[i] & 0xFF;
            if (c == 0xC0 || c == 0xC1 || c >= 0xF5) {
                return false;
            }
        }
        return true;
    }

    private static int[] toInts(byte[] b, int start) {
        int[] ints = new int[b.length - start];
        for (int i = start; i < b.length; i++) {
            ints[i - start] = b[i] & 0xFF;
        }
        return ints;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.UTF_8);
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
