package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT ({@code .vtt}, {@code text/vtt}): a {@code WEBVTT} header, then blocks separated by blank lines: cues (an
 * optional id line, a timing line {@code 00:00:01.000 --> 00:00:04.000 [settings]}, text lines), {@code NOTE}
 * comments, {@code STYLE} and {@code REGION} definitions.
 *
 * <p>Reading drops a byte-order mark, accepts CRLF, cue ids, cue settings ({@code align:start line:0}), hour-less
 * timestamps ({@code mm:ss.ttt}) and {@code ,} as decimal separator, skips NOTE/STYLE/REGION blocks, removes all
 * cue tags ({@code <v Speaker>}, {@code <c.class>}, {@code <i>}, {@code <b>}, {@code <u>}, {@code <lang>}, ruby
 * annotations {@code <rt>..</rt>} with their text) and decodes character references ({@code &amp;},
 * {@code &#233;}). Words are {@link InterpolatedWords interpolated} within the cue; karaoke-style timestamp tags
 * ({@code <00:00:01.500>}, as YouTube writes them) split the cue into stretches that are interpolated separately, so
 * their words start at the given times. Cues without text are skipped; cues are ordered by start time.
 * A block that is neither a cue nor NOTE/STYLE/REGION is an error.
 *
 * <p>Writing produces {@code WEBVTT}, then one cue per segment (no id, no settings), times from the segment's words
 * to the millisecond, the segment's text on one line with {@code & < >} escaped.
 */
public final class WebVttTranscriptFormat implements TranscriptParser, TranscriptWriter {

    static final String NAME = "WebVTT";

    private static final Pattern HEADER = Pattern.compile("WEBVTT(?:[ \\t].*)?");
    private static final Pattern TIMING = Pattern.compile(
            "\\s*(" + CueTimestamp.regex() + ")\\s*-->\\s*(" + CueTimestamp.regex() + ")(.*)");
    private static final Pattern SKIPPED_BLOCK = Pattern.compile("(?:NOTE|STYLE|REGION)(?:[ \\t].*)?");
    private static final Pattern RUBY_TEXT =
            Pattern.compile("<(rt|rp)(?:[.\\s][^>]*)?>.*?</\\1>", Pattern.DOTALL);
    private static final Pattern TIMESTAMP_TAG = Pattern.compile("<(" + CueTimestamp.regex() + ")>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED_REFERENCES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", "\u00A0", "lrm", "", "rlm", "");

    @Override
    public TimedTranscript parse(String content, String language) throws TranscriptFormatException {
        List<String> lines = TextLines.of(content);
        if (!HEADER.matcher(lines.getFirst()).matches()) {
            throw new TranscriptFormatException(NAME, 1, "a WebVTT file must start with 'WEBVTT', found "
                    + TextLines.quote(lines.getFirst()));
        }
        int i = 1;
        // header lines up to the first blank line; a timing line there starts a cue without the blank line
        while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).contains("-->")) {
            i++;
        }
        List<Cue> cues = new ArrayList<>();
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            while (i < lines.size() && !lines.get(i).isBlank()) {
                i++;
            }
            List<String> block = lines.subList(blockStart, i);
            if (SKIPPED_BLOCK.matcher(block.getFirst()).matches()) {
                continue;
            }
            cues.add(cue(block, blockStart + 1));
        }
        return Cue.transcript(cues, NAME, language);
    }

    /** @param firstLine the 1-based line number of {@code block.get(0)} */
    private static Cue cue(List<String> block, int firstLine) throws TranscriptFormatException {
        int timingIndex = block.getFirst().contains("-->") ? 0
                : block.size() > 1 && block.get(1).contains("-->") ? 1 : -1;
        if (timingIndex < 0) {
            throw new TranscriptFormatException(NAME, firstLine, "expected a cue (an optional id line, then a timing "
                    + "line like '00:00:01.000 --> 00:00:04.000') or a NOTE, STYLE or REGION block, found "
                    + TextLines.quote(block.getFirst()));
        }
        int line = firstLine + timingIndex;
        String timing = block.get(timingIndex);
        Matcher m = TIMING.matcher(timing);
        if (!m.matches()) {
            throw new TranscriptFormatException(NAME, line, "cannot read the timing line " + TextLines.quote(timing)
                    + ": expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt' or 'mm:ss.ttt --> mm:ss.ttt'");
        }
        if (!m.group(3).isEmpty() && !Character.isWhitespace(m.group(3).charAt(0))) {
            throw new TranscriptFormatException(NAME, line, "unexpected " + TextLines.quote(m.group(3))
                    + " right after the end time in " + TextLines.quote(timing));
        }
        long start = timestamp(m.group(1), line);
        long end = timestamp(m.group(2), line);
        if (end < start) {
            throw new TranscriptFormatException(NAME, line, "the cue ends (" + m.group(2) + ") before it starts ("
                    + m.group(1) + ")");
        }
        String payload = String.join("\n", block.subList(timingIndex + 1, block.size()));
        return new Cue(line, start, end, words(payload, start, end, line));
    }

    /** The cue's words; timestamp tags split the cue into separately interpolated stretches. */
    private static List<Word> words(String payload, long cueStart, long cueEnd, int line)
            throws TranscriptFormatException {
        String text = RUBY_TEXT.matcher(payload).replaceAll("");
        Matcher tags = TIMESTAMP_TAG.matcher(text);
        List<Word> words = new ArrayList<>();
        long stretchStart = cueStart;
        int textStart = 0;
        while (tags.find()) {
            long tagTime = timestamp(tags.group(1), line);
            if (tagTime < stretchStart || tagTime > cueEnd) {
                throw new TranscriptFormatException(NAME, line, "the timestamp tag <" + tags.group(1) + "> lies outside "
                        + CueTimestamp.format(stretchStart, '.') + "-" + CueTimestamp.format(cueEnd, '.')
                        + " (tags must grow within their cue)");
            }
            words.addAll(InterpolatedWords.spread(plainText(text.substring(textStart, tags.start())), stretchStart, tagTime));
            stretchStart = tagTime;
            textStart = tags.end();
        }
        words.addAll(InterpolatedWords.spread(plainText(text.substring(textStart)), stretchStart, cueEnd));
        return words;
    }

    private static long timestamp(String text, int line) throws TranscriptFormatException {
        try {
            return CueTimestamp.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new TranscriptFormatException(NAME, line, e.getMessage());
        }
    }

    /** Cue text without tags, character references decoded. */
    static String plainText(String cueText) {
        String text = TAG.matcher(cueText).replaceAll("");
        return CHARACTER_REFERENCE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(decode(match.group(1), match.group())));
    }

    private static String decode(String reference, String literal) {
        if (reference.startsWith("#")) {
            boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
            try {
                int codePoint = Integer.parseInt(reference.substring(hex ? 2 : 1), hex ? 16 : 10);
                return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : literal;
            } catch (NumberFormatException e) {
                return literal; // too many digits: not a character, keep the text as written
            }
        }
        return NAMED_REFERENCES.getOrDefault(reference, literal);
    }

    @Override
    public String write(TimedTranscript transcript) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (Segment segment : transcript.segments()) {
            out.append('\n')
                    .append(CueTimestamp.format(CueTimestamp.toMillis(segment.start()), '.'))
                    .append(" --> ")
                    .append(CueTimestamp.format(CueTimestamp.toMillis(segment.end()), '.'))
                    .append('\n')
                    .append(escape(segment.text())).append('\n');
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
