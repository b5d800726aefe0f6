package dev.podgrep.ingest.fetch;

/** The audio containers podgrep recognises by their first bytes, with the file extension it saves them under. */
public enum AudioFormat {
    /** MPEG audio (layer I to III), with or without a leading ID3v2 tag. */
    MP3("mp3"),
    /** AAC in ADTS frames. */
    AAC("aac"),
    /** ISO base media (MP4/M4A) with an audio brand ({@code M4A }, {@code M4B }). */
    M4A("m4a"),
    /** ISO base media (MP4) with any other brand; may hold video, FFmpeg takes the audio track. */
    MP4("mp4"),
    /** Ogg with an Opus stream. */
    OPUS("opus"),
    /** Ogg with another stream (usually Vorbis). */
    OGG("ogg"),
    /** RIFF WAVE. */
    WAV("wav"),
    /** FLAC. */
    FLAC("flac");

    private final String extension;

    AudioFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension, without the dot */
    public String extension() {
        return extension;
    }
}
