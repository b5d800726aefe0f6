package dev.podgrep.transcribe.format;

import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubRip ({@code .srt}, {@code application/x-subrip}, {@code application/srt}): numbered cues of
 * {@code hh:mm:ss,ttt --> hh:mm:ss,ttt} and text lines, separated by blank lines.
 *
 * <p>Reading accepts what publishers' tools produce: a byte-order mark, CRLF, missing or non-sequential cue
 * numbers, missing blank lines between cues, blank lines inside a cue's text (the text continues the cue before),
 * {@code .} instead of {@code ,} and hour-less {@code mm:ss,ttt} timestamps, position settings after the end time
 * ({@code X1:..}), formatting tags ({@code <i> <b> <u> <s> <font ...>}), ASS override codes ({@code {\an8}}) and
 * ASS line breaks ({@code \N}, {@code \n}). SRT has no word times: words are {@link InterpolatedWords interpolated} within each
 * cue. Cues without text are skipped; cues are ordered by start time.
 *
 * <p>Writing produces one cue per segment, numbered from 1, times from the segment's words (first word start, last
 * word end) to the millisecond, the segment's text on one line.
 */
public final class SrtTranscriptFormat implements TranscriptParser, TranscriptWriter {

    static final String NAME = "SRT";

    private static final Pattern TIMING = Pattern.compile(
            "\\s*(" + CueTimestamp.regex() + ")\\s*-->\\s*(" + CueTimestamp.regex() + ")(.*)");
    /** A line that means to be a timing line: starts with a digit and holds an arrow. */
    private static final Pattern TIMING_LIKE = Pattern.compile("\\s*\\d.*-->.*");
    private static final Pattern CUE_NUMBER = Pattern.compile("\\s*\\d+\\s*");
    private static final Pattern FORMATTING_TAG =
            Pattern.compile("</?(?:i|b|u|s|font)(?:\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASS_OVERRIDE = Pattern.compile("\\{\\\\[^}]*}");

    @Override
    public TimedTranscript parse(String content, String language) throws TranscriptFormatException {
        List<String> lines = TextLines.of(content);
        List<Cue> cues = new ArrayList<>();
        CueBuilder current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (TIMING_LIKE.matcher(line).matches()) {
                current = finish(current, cues);
                current = new CueBuilder(lineNumber, line);
            } else if (CUE_NUMBER.matcher(line).matches() && i + 1 < lines.size()
                    && TIMING_LIKE.matcher(lines.get(i + 1)).matches()) {
                current = finish(current, cues);
                current = new CueBuilder(lineNumber + 1, lines.get(i + 1));
                i++;
            } else if (current == null) {
                throw new TranscriptFormatException(NAME, lineNumber, "expected a cue number or a timing line like "
                        + "'00:00:01,000 --> 00:00:04,000', found " + TextLines.quote(line));
            } else {
                current.text.append(line).append('\n');
            }
        }
        finish(current, cues);
        return Cue.transcript(cues, NAME, language);
    }

    private static CueBuilder finish(CueBuilder cue, List<Cue> cues) throws TranscriptFormatException {
        if (cue != null) {
            cues.add(cue.build());
        }
        return null;
    }

    /** A cue whose text lines are still being collected. */
    private static final class CueBuilder {
        final int line;
        final String timing;
        final StringBuilder text = new StringBuilder();

        CueBuilder(int line, String timing) {
            this.line = line;
            this.timing = timing;
        }

        Cue build() throws TranscriptFormatException {
            Matcher m = TIMING.matcher(timing);
            if (!m.matches()) {
                throw new TranscriptFormatException(NAME, line, "cannot read the timing line " + TextLines.quote(timing)
                        + ": expected 'hh:mm:ss,ttt --> hh:mm:ss,ttt'");
            }
            if (!m.group(3).isEmpty() && !Character.isWhitespace(m.group(3).charAt(0))) {
                throw new TranscriptFormatException(NAME, line, "unexpected " + TextLines.quote(m.group(3))
                        + " right after the end time in " + TextLines.quote(timing));
            }
            long start;
            long end;
            try {
                start = CueTimestamp.parseMillis(m.group(1));
                end = CueTimestamp.parseMillis(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TranscriptFormatException(NAME, line, e.getMessage());
            }
            if (end < start) {
                throw new TranscriptFormatException(NAME, line, "the cue ends (" + m.group(2)
                        + ") before it starts (" + m.group(1) + ")");
            }
            return new Cue(line, start, end, InterpolatedWords.spread(plainText(text.toString()), start, end));
        }
    }

    /** Cue text without formatting tags and ASS codes. */
    static String plainText(String cueText) {
        String text = FORMATTING_TAG.matcher(cueText).replaceAll("");
        text = ASS_OVERRIDE.matcher(text).replaceAll("");
        return text.replace("\\N", " ").replace("\\n", " ");
    }

    @Override
    public String write(TimedTranscript transcript) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        for (Segment segment : transcript.segments()) {
            if (number > 1) {
                out.append('\n');
            }
            out.append(number++).append('\n')
                    .append(CueTimestamp.format(CueTimestamp.toMillis(segment.start()), ','))
                    .append(" --> ")
                    .append(CueTimestamp.format(CueTimestamp.toMillis(segment.end()), ','))
                    .append('\n')
                    .append(segment.text()).append('\n');
        }
        return out.toString();
    }
}
