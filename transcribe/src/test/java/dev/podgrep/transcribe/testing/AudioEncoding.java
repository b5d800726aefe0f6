package dev.podgrep.transcribe.testing;

/**
 * How {@link ToneWordAudio#encode} encodes: FFmpeg muxer and encoder names, sample rate, channels and bitrate.
 *
 * @param muxer       FFmpeg output format ({@code mp3}, {@code ipod} for .m4a, {@code ogg})
 * @param encoder     FFmpeg encoder ({@code libmp3lame}, {@code aac}, {@code libopus})
 * @param sampleRate  sample rate in Hz
 * @param channels    1 (mono) or 2 (stereo)
 * @param bitrateKbps target bitrate in kbit/s
 * @param faststart   M4A only: put the index ("moov") before the audio, as podcast hosts do, so that a truncated
 *                    file still opens; false keeps FFmpeg's default (index at the end)
 */
public record AudioEncoding(String muxer, String encoder, int sampleRate, int channels, int bitrateKbps,
                            boolean faststart) {

    public AudioEncoding {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, not " + channels);
        }
    }

    /** MP3 (LAME, constant bitrate, with a Xing/Info header that gives the exact duration). */
    public static AudioEncoding mp3(int sampleRate, int channels, int bitrateKbps) {
        return new AudioEncoding("mp3", "libmp3lame", sampleRate, channels, bitrateKbps, false);
    }

    /** M4A with AAC-LC (FFmpeg's native encoder), index at the end (FFmpeg's default). */
    public static AudioEncoding m4a(int sampleRate, int channels, int bitrateKbps) {
        return new AudioEncoding("ipod", "aac", sampleRate, channels, bitrateKbps, false);
    }

    /** Ogg/Opus (libopus) at 48 kHz, Opus's native rate. */
    public static AudioEncoding oggOpus(int channels, int bitrateKbps) {
        return new AudioEncoding("ogg", "libopus", 48_000, channels, bitrateKbps, false);
    }

    /** This encoding with the M4A index ("moov") at the start of the file. */
    public AudioEncoding withFaststart() {
        return new AudioEncoding(muxer, encoder, sampleRate, channels, bitrateKbps, true);
    }
}
