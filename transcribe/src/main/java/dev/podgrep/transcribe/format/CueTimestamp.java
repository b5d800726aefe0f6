package dev.podgrep.transcribe.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cue timestamps of SRT and WebVTT, in whole milliseconds.
 *
 * <p>Read leniently, as publishers write them: {@code hh:mm:ss,ttt} (SRT), {@code hh:mm:ss.ttt} and {@code mm:ss.ttt}
 * (WebVTT), either decimal separator in both formats, one or more hour digits, one or two minute and second digits,
 * and a fraction of any length read as a decimal fraction ({@code ,5} is 500 ms) or none at all.
 */
final class CueTimestamp {

    private static final Pattern TIMESTAMP =
            Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2})(?:[.,](\\d+))?");

    private CueTimestamp() {
    }

    /** The pattern of one timestamp, for building line patterns (no anchors, no groups that capture). */
    static String regex() {
        return "(?:\\d+:)?\\d{1,2}:\\d{1,2}(?:[.,]\\d+)?";
    }

    /**
     * @param text one timestamp, e.g. {@code 01:02:03,456} or {@code 02:03.456}
     * @return milliseconds from the start
     * @throws IllegalArgumentException with a user-readable reason when the text is not a timestamp
     */
    static long parseMillis(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the timestamp '" + text
                    + "': expected hh:mm:ss,ttt, hh:mm:ss.ttt or mm:ss.ttt");
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (m.group(1) != null && minutes > 59) {
            throw new IllegalArgumentException("cannot read the timestamp '" + text + "': minutes must be 0-59");
        }
        if (seconds > 59) {
            throw new IllegalArgumentException("cannot read the timestamp '" + text + "': seconds must be 0-59");
        }
        long millis = 0;
        if (m.group(4) != null) {
            millis = Math.round(Double.parseDouble("0." + m.group(4)) * 1000);
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    }

    /** Milliseconds as {@code hh:mm:ss<separator>ttt}, two or more hour digits. */
    static String format(long millis, char decimalSeparator) {
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%c%03d",
                hours, minutes, seconds, decimalSeparator, millis % 1000);
    }

    /** Seconds rounded to the nearest millisecond. */
    static long toMillis(double seconds) {
        return Math.round(seconds * 1000);
    }

    /** Milliseconds as seconds. */
    static double toSeconds(long millis) {
        return millis / 1000.0;
    }
}
