package dev.podgrep.transcribe.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * How much audio one file may decode to. A file past the limit fails with an {@link AudioTooLongException} as soon as
 * it is known: at opening when its header declares an exact duration beyond it, else when decoding crosses it. It
 * bounds the work a hostile or broken file can cause (hours of recognition for a header that lies, or a stream that
 * never ends).
 *
 * @param maxAudioDuration the longest decoded audio accepted; {@link #DEFAULT} has {@value #DEFAULT_MAX_HOURS} h
 */
public record DecodingLimits(Duration maxAudioDuration) {

    /** Hours of audio accepted by {@link #DEFAULT}: longer than any podcast episode podgrep is meant for. */
    public static final int DEFAULT_MAX_HOURS = 6;

    /** {@value #DEFAULT_MAX_HOURS} hours of audio. */
    public static final DecodingLimits DEFAULT = new DecodingLimits(Duration.ofHours(DEFAULT_MAX_HOURS));

    public DecodingLimits {
        Objects.requireNonNull(maxAudioDuration, "maxAudioDuration");
        if (maxAudioDuration.isNegative() || maxAudioDuration.isZero()) {
            throw new IllegalArgumentException("maxAudioDuration must be positive, not " + maxAudioDuration);
        }
    }

    /** The limit in bytes of {@value PcmDecoder#SAMPLE_RATE} Hz mono s16le PCM. */
    long maxPcmBytes() {
        return (long) Math.min(Long.MAX_VALUE, seconds() * PcmDecoder.BYTES_PER_SECOND);
    }

    double seconds() {
        return maxAudioDuration.toNanos() / 1e9;
    }

    /** The limit as users read it: "6 h", "90 min", "45 s". */
    String describe() {
        return describe(maxAudioDuration);
    }

    /** A length of audio as users read it: "7.5 h", "12.3 min", "5.0 s". */
    static String describeSeconds(double seconds) {
        if (seconds >= 3600) {
            return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
        }
        if (seconds >= 60) {
            return String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", seconds);
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        if (seconds >= 1) {
            return seconds + " s";
        }
        return duration.toMillis() + " ms";
    }
}
