package dev.podgrep.ingest.fetch;

import java.util.Random;

/** Bytes that pass for audio in download tests (real audio is tested in transcribe). */
final class FakeAudio {

    private FakeAudio() {
    }

    /**
     * An "MP3": an empty ID3v2.4 tag, an MPEG-1 layer III frame header, then deterministic noise.
     *
     * @param size total length, at least 14
     */
    static byte[] mp3(int size) {
        byte[] bytes = noise(size, 42);
        byte[] header = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** An "M4A": an ISO base media {@code ftyp} box with brand {@code M4A }, then noise. */
    static byte[] m4a(int size) {
        byte[] bytes = noise(size, 7);
        byte[] header = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
