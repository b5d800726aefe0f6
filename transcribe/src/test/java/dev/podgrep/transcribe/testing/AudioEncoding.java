package dev.podgrep.transcribe.testing;

/**
 * How {@link ToneWordAudio#encode} encodes: FFmpeg muxer and encoder names, sample rate, channels and bitrate.
 *
 * @param muxer       FFmpeg output format ({@code mp3}, {@code ipod} for .m4a, {@code ogg}, {@code webm},
 *                    {@code flac}, {@code adts} for raw .aac)
 * @param encoder     FFmpeg encoder ({@code libmp3lame}, {@code aac}, {@code libopus}, {@code vorbis}, {@code flac})
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

    /** Ogg/Opus (libopus) at 48 kHz at a bitrate low enough for Opus's speech mode (SILK), as spoken podcasts use. */
    public static AudioEncoding oggOpusSpeech(int bitrateKbps) {
        return new AudioEncoding("ogg", "libopus", 48_000, 1, bitrateKbps, false);
    }

    /** WebM/Opus (libopus) at 48 kHz. */
    public static AudioEncoding webmOpus(int channels, int bitrateKbps) {
        return new AudioEncoding("webm", "libopus", 48_000, channels, bitrateKbps, false);
    }

    /** Ogg/Vorbis with FFmpeg's native Vorbis encoder (the bundled FFmpeg has no libvorbis). */
    public static AudioEncoding oggVorbis(int sampleRate, int channels, int bitrateKbps) {
        return new AudioEncoding("ogg", "vorbis", sampleRate, channels, bitrateKbps, false);
    }

    /** FLAC (lossless). */
    public static AudioEncoding flac(int sampleRate, int channels) {
        return new AudioEncoding("flac", "flac", sampleRate, channels, 0, false);
    }

    /** Raw AAC-LC in ADTS frames (.aac), without a container. */
    public static AudioEncoding adtsAac(int sampleRate, int channels, int bitrateKbps) {
        return new AudioEncoding("adts", "aac", sampleRate, channels, bitrateKbps, false);
    }

    /** This encoding with the M4A index ("moov") at the start of the file. */
    public AudioEncoding withFaststart() {
        return new AudioEncoding(muxer, encoder, sampleRate, channels, bitrateKbps, true);
    }
}
