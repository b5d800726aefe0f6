package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptTooLongException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a publisher's transcript ({@code <podcast:transcript url type>}) into a timed transcript, choosing the
 * parser from the declared MIME type and the content.
 *
 * <p>The content decides when it carries a format's signature: a {@code WEBVTT} first line is WebVTT, a JSON
 * object is Podcasting 2.0 JSON, an SRT timing line ({@code 00:00:01,000 --> 00:00:04,000}) among the first lines
 * is SRT. Publishers often declare the wrong type (SRT served as {@code text/plain} or {@code text/vtt}), and the
 * content is the better witness. Otherwise the declared type decides:
 * <ul>
 *   <li>{@code application/x-subrip}, {@code application/srt}, {@code text/srt}, {@code text/x-srt}: SRT;</li>
 *   <li>{@code text/vtt}: WebVTT;</li>
 *   <li>{@code application/json}: Podcasting 2.0 JSON;</li>
 *   <li>{@code text/html}: refused, HTML transcripts carry no cue times;</li>
 *   <li>{@code text/plain}: refused, plain text carries no times;</li>
 *   <li>no type or another type: refused, the content is not a timed transcript.</li>
 * </ul>
 * Type parameters ({@code ; charset=utf-8}) and case are ignored. A refusal is an
 * {@link UnsupportedTranscriptFormatException}; malformed content of a chosen format a
 * {@link TranscriptFormatException} naming the line; so is a transcript of more words than one episode may hold
 * ({@link TranscriptTooLongException#DEFAULT_MAX_WORDS} by default), refused before parsing when its size alone
 * shows it.
 */
public final class PublisherTranscriptReader {

    private static final Logger log = LoggerFactory.getLogger(PublisherTranscriptReader.class);

    private static final String ACCEPTED = "podgrep reads SRT, WebVTT and Podcasting 2.0 JSON transcripts";
    private static final Pattern SRT_TIMING = Pattern.compile(
            "\\s*(?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3}\\s*-->\\s*(?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3}.*");
    /** How many non-blank lines sniffing looks at for an SRT timing line. */
    private static final int SNIFFED_LINES = 10;
    /**
     * Tokens (white-space separated) per word a transcript may have before parsing is not even tried: SRT and WebVTT
     * add a cue number, two timestamps and an arrow per cue, JSON its keys and times per segment.
     */
    private static final int TOKENS_PER_WORD = 8;

    private final int maxWords;

    /** A reader that takes transcripts of up to {@value TranscriptTooLongException#DEFAULT_MAX_WORDS} words. */
    public PublisherTranscriptReader() {
        this(TranscriptTooLongException.DEFAULT_MAX_WORDS);
    }

    /** A reader that refuses transcripts of more than {@code maxWords} words. */
    public PublisherTranscriptReader(int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be positive, not " + maxWords);
        }
        this.maxWords = maxWords;
    }

    /**
     * Reads a downloaded transcript: UTF-8 (with or without byte-order mark), or UTF-16 when it starts with a UTF-16
     * byte-order mark.
     *
     * @param mimeType the declared type ({@code podcast:transcript type} or the HTTP Content-Type), may be null
     * @param content  the bytes as downloaded
     * @param language BCP-47 language of the speech, or null when unknown
     * @throws TranscriptFormatException when the bytes are not valid UTF-8, the type is refused, or the content is
     *                                   malformed
     */
    public TimedTranscript read(String mimeType, byte[] content, String language) throws TranscriptFormatException {
        return read(mimeType, decode(content), language);
    }

    /**
     * Reads a transcript already decoded to text.
     *
     * @see #read(String, byte[], String)
     */
    public TimedTranscript read(String mimeType, String content, String language) throws TranscriptFormatException {
        PublisherTranscriptFormat format = detect(mimeType, content);
        long tokens = tokens(content);
        if (tokens > (long) maxWords * TOKENS_PER_WORD) {
            throw tooLong(format, "about " + TranscriptTooLongException.formatCount(tokens) + " tokens");
        }
        TimedTranscript transcript = format.parse(content, language);
        if (transcript.wordCount() > maxWords) {
            throw tooLong(format, TranscriptTooLongException.formatCount(transcript.wordCount()) + " words");
        }
        return transcript;
    }

    private TranscriptFormatException tooLong(PublisherTranscriptFormat format, String found) {
        return new TranscriptFormatException(format.displayName(), 0, "it holds " + found + ", more than the "
                + TranscriptTooLongException.formatCount(maxWords) + " words per episode podgrep takes");
    }

    /** White-space separated tokens of {@code content}, counted in one pass without allocating. */
    private static long tokens(String content) {
        long tokens = 0;
        boolean inToken = false;
        for (int i = 0; i < content.length(); i++) {
            boolean space = Character.isWhitespace(content.charAt(i));
            if (!space && !inToken) {
                tokens++;
            }
            inToken = !space;
        }
        return tokens;
    }

    /**
     * The format to read {@code content} with, following the rules in the class description.
     *
     * @throws UnsupportedTranscriptFormatException when the transcript is HTML, plain text or unrecognised
     */
    PublisherTranscriptFormat detect(String mimeType, String content) throws UnsupportedTranscriptFormatException {
        String type = mimeType == null ? "" : mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Optional<PublisherTranscriptFormat> declared = declaredFormat(type);
        Optional<PublisherTranscriptFormat> sniffed = sniff(content);
        if (sniffed.isPresent()) {
            if (declared.isPresent() && declared.get() != sniffed.get() || declared.isEmpty() && !type.isEmpty()) {
                log.info("transcript declared as '{}' holds {}; reading it as {}", mimeType, sniffed.get(), sniffed.get());
            }
            return sniffed.get();
        }
        if (declared.isPresent()) {
            return declared.get();
        }
        String trimmed = withoutBom(content).stripLeading();
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            throw new UnsupportedTranscriptFormatException(mimeType,
                    "HTML transcripts carry no cue times, so their words cannot be placed on the audio; " + ACCEPTED);
        }
        if (type.equals("text/plain")) {
            throw new UnsupportedTranscriptFormatException(mimeType,
                    "plain text carries no times, so its words cannot be placed on the audio; " + ACCEPTED);
        }
        String looksLike = trimmed.isEmpty() ? "it is empty"
                : trimmed.startsWith("<") ? "it looks like HTML or XML"
                : "it looks like plain text, which carries no times";
        throw new UnsupportedTranscriptFormatException(mimeType,
                "the content is neither SRT, WebVTT nor Podcasting 2.0 JSON (" + looksLike + "); " + ACCEPTED);
    }

    private static Optional<PublisherTranscriptFormat> declaredFormat(String type) {
        return Optional.ofNullable(switch (type) {
            case "application/x-subrip", "application/srt", "text/srt", "text/x-srt" -> PublisherTranscriptFormat.SRT;
            case "text/vtt" -> PublisherTranscriptFormat.WEBVTT;
            case "application/json" -> PublisherTranscriptFormat.PODCASTING_JSON;
            default -> null;
        });
    }

    private static Optional<PublisherTranscriptFormat> sniff(String content) {
        String text = withoutBom(content).stripLeading();
        if (text.startsWith("WEBVTT") && (text.length() == 6 || Character.isWhitespace(text.charAt(6)))) {
            return Optional.of(PublisherTranscriptFormat.WEBVTT);
        }
        if (text.startsWith("{")) {
            return Optional.of(PublisherTranscriptFormat.PODCASTING_JSON);
        }
        List<String> firstLines = TextLines.of(text).stream().filter(l -> !l.isBlank()).limit(SNIFFED_LINES).toList();
        if (firstLines.stream().anyMatch(line -> SRT_TIMING.matcher(line).matches())) {
            return Optional.of(PublisherTranscriptFormat.SRT);
        }
        return Optional.empty();
    }

    private static String withoutBom(String content) {
        return content.startsWith("\uFEFF") ? content.substring(1) : content;
    }

    /** The text of downloaded bytes; see {@link #read(String, byte[], String)}. */
    static String decode(byte[] bytes) throws TranscriptFormatException {
        Charset charset = StandardCharsets.UTF_8;
        int offset = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            int line = (int) out.chars().filter(c -> c == '\n').count() + 1;
            throw new TranscriptFormatException("transcript", line, "not valid " + charset.name()
                    + " text: bad byte(s) at offset " + in.position()
                    + " (publisher transcripts must be UTF-8)");
        }
        out.flip();
        return out.toString();
    }
}
