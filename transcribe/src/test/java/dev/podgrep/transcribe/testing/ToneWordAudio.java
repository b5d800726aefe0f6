package dev.podgrep.transcribe.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Test audio for the {@link ToneWordModel}: a script of silences and tone words ({@code alpha} 400 Hz,
 * {@code bravo} 900 Hz, {@code charlie} 1700 Hz, {@code delta} 3000 Hz), rendered at any sample rate and channel
 * count, with the words' true start and end times.
 *
 * <p>Tones have amplitude 8000 (int16 units) and 5 ms raised-cosine fades; white noise of standard deviation 30
 * from a fixed seed runs under everything, so every rendering is deterministic. Samples are generated on the fly:
 * writing a 2-hour file holds only a small buffer in memory.
 *
 * <pre>{@code
 * ToneWordAudio audio = ToneWordAudio.parse("silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 1.0");
 * audio.expectedWords();                                   // [alpha 1.0-1.5, charlie 1.8-2.4]
 * audio.writeWav(dir.resolve("a.wav"), 16_000, 1);         // 16 kHz mono WAV, pure Java
 * audio.encode(dir.resolve("a.mp3"), AudioEncoding.mp3(44_100, 2, 128));  // through the Maven-shipped FFmpeg
 * ToneWordAudio.cycling(20 * 60);                          // 20 minutes of words, 1 s gaps
 * }</pre>
 */
public final class ToneWordAudio {

    /** A recognisable word: a pure tone. */
    public enum ToneWord {
        ALPHA(400), BRAVO(900), CHARLIE(1700), DELTA(3000);

        private final double frequency;

        ToneWord(double frequency) {
            this.frequency = frequency;
        }

        /** The tone's frequency in Hz. */
        public double frequency() {
            return frequency;
        }

        /** The word as the model spells it ({@code alpha}, ...). */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tone word spelt {@code word} (case-insensitive). */
        public static ToneWord of(String word) {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A word of the script with its true times in seconds from the start of the audio. */
    public record ExpectedWord(String word, double start, double end) {
    }

    /** One step of the script: a tone word, or silence (low noise) when {@code word} is null. */
    private record Part(ToneWord word, double seconds) {
    }

    /** Tone amplitude in int16 units. */
    public static final double AMPLITUDE = 8000;
    /** Standard deviation of the white noise under everything, in int16 units. */
    public static final double NOISE_SD = 30;
    private static final double FADE_SECONDS = 0.005;
    private static final long NOISE_SEED = 20_240_601L;

    private final List<Part> parts;

    private ToneWordAudio(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** An empty script to extend with {@link #silence} and {@link #word}. */
    public static ToneWordAudio script() {
        return new ToneWordAudio(List.of());
    }

    /**
     * Parses a script like {@code "silence 1.0, alpha 0.5, silence 0.3, charlie 0.6"}: comma-separated steps, each a
     * word ({@code silence}, {@code alpha}, {@code bravo}, {@code charlie}, {@code delta}) and a duration in seconds.
     */
    public static ToneWordAudio parse(String script) {
        ToneWordAudio audio = script();
        for (String step : script.split(",")) {
            String[] fields = step.trim().split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException("script step '" + step.trim() + "' is not '<word> <seconds>'");
            }
            double seconds = Double.parseDouble(fields[1]);
            audio = fields[0].equalsIgnoreCase("silence") ? audio.silence(seconds)
                    : audio.word(ToneWord.of(fields[0]), seconds);
        }
        return audio;
    }

    /**
     * About {@code seconds} of audio for long-file tests: 1 s silence, then words cycling alpha, bravo, charlie,
     * delta (0.5 s each) separated by 1 s silences (each word its own Vosk result), ending with 1 s silence.
     */
    public static ToneWordAudio cycling(double seconds) {
        List<Part> parts = new ArrayList<>(List.of(new Part(null, 1.0)));
        ToneWord[] words = ToneWord.values();
        for (double duration = 1.0; duration + 1.5 <= seconds; duration += 1.5) {
            parts.add(new Part(words[(parts.size() / 2) % words.length], 0.5));
            parts.add(new Part(null, 1.0));
        }
        return new ToneWordAudio(parts);
    }

    /** This script followed by {@code seconds} of silence. */
    public ToneWordAudio silence(double seconds) {
        return append(new Part(null, seconds));
    }

    /** This script followed by the tone of {@code word} for {@code seconds} (at least 0.09 s to be recognised). */
    public ToneWordAudio word(ToneWord word, double seconds) {
        return append(new Part(Objects.requireNonNull(word, "word"), seconds));
    }

    /** This script followed by the tone of {@code word} ({@code alpha}, ...) for {@code seconds}. */
    public ToneWordAudio word(String word, double seconds) {
        return word(ToneWord.of(word), seconds);
    }

    private ToneWordAudio append(Part part) {
        if (!(part.seconds() > 0)) {
            throw new IllegalArgumentException("a script step needs a positive duration, not " + part.seconds());
        }
        List<Part> longer = new ArrayList<>(parts);
        longer.add(part);
        return new ToneWordAudio(longer);
    }

    /** Total duration in seconds. */
    public double durationSeconds() {
        return parts.stream().mapToDouble(Part::seconds).sum();
    }

    /** The script's words in order with their true start and end times. */
    public List<ExpectedWord> expectedWords() {
        List<ExpectedWord> words = new ArrayList<>();
        double time = 0;
        for (Part part : parts) {
            if (part.word() != null) {
                words.add(new ExpectedWord(part.word().word(), time, time + part.seconds()));
            }
            time += part.seconds();
        }
        return words;
    }

    /** The script's words joined by single spaces, as Vosk's {@code text} would give them. */
    public String expectedText() {
        return String.join(" ", expectedWords().stream().map(ExpectedWord::word).toList());
    }

    /** Number of sample frames (per channel) when rendered at {@code sampleRate}. */
    public long frameCount(int sampleRate) {
        return Math.round(durationSeconds() * sampleRate);
    }

    /**
     * The audio as signed 16-bit little-endian PCM, channels interleaved (all channels identical), generated while
     * read.
     */
    public InputStream pcm(int sampleRate, int channels) {
        Renderer renderer = renderer(sampleRate);
        return new InputStream() {
            private final short[] samples = new short[4096];
            private final byte[] bytes = new byte[samples.length * 2 * channels];
            private int position;
            private int limit;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position == limit) {
                    int frames = renderer.read(samples, 0, samples.length);
                    if (frames == 0) {
                        return -1;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < frames; i++) {
                        for (int c = 0; c < channels; c++) {
                            buffer.putShort(samples[i]);
                        }
                    }
                    position = 0;
                    limit = buffer.position();
                }
                int n = Math.min(length, limit - position);
                System.arraycopy(bytes, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** Writes a 16-bit PCM WAV file (pure Java, streaming) and returns {@code file}. */
    public Path writeWav(Path file, int sampleRate, int channels) {
        long dataBytes = frameCount(sampleRate) * 2L * channels;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("too long for a WAV file: " + dataBytes + " bytes of samples");
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * 2 * channels).putShort((short) (2 * channels))
                .putShort((short) 16);
        header.put("data".getBytes()).putInt((int) dataBytes);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             InputStream pcm = pcm(sampleRate, channels)) {
            out.write(header.array());
            pcm.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Encodes the audio with the FFmpeg shipped through Maven (in-process, streaming) and returns {@code file}.
     *
     * @see AudioEncoding#mp3(int, int, int)
     * @see AudioEncoding#m4a(int, int, int)
     * @see AudioEncoding#oggOpus(int, int)
     */
    public Path encode(Path file, AudioEncoding encoding) {
        return FfmpegEncoder.encode(this, file, encoding);
    }

    /** Mono int16 samples at one sample rate, generated step by step. */
    Renderer renderer(int sampleRate) {
        return new Renderer(sampleRate);
    }

    /** Generates the script's samples in order, a buffer at a time. */
    final class Renderer {
        private final int sampleRate;
        private final Random noise = new Random(NOISE_SEED);
        private final long[] partEnds;
        private int partIndex;
        private long partStart;
        private long frame;

        private Renderer(int sampleRate) {
            if (sampleRate < 8000) {
                throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is too low for 3000 Hz tones");
            }
            this.sampleRate = sampleRate;
            partEnds = new long[parts.size()];
            double time = 0;
            for (int i = 0; i < parts.size(); i++) {
                time += parts.get(i).seconds();
                partEnds[i] = Math.round(time * sampleRate);
            }
        }

        /** Fills up to {@code length} mono samples; returns how many, 0 at the end. */
        int read(short[] target, int offset, int length) {
            int n = 0;
            while (n < length && partIndex < parts.size()) {
                if (frame >= partEnds[partIndex]) {
                    partStart = partEnds[partIndex];
                    partIndex++;
                    continue;
                }
                target[offset + n++] = sample();
                frame++;
            }
            return n;
        }

        private short sample() {
            double value = noise.nextGaussian() * NOISE_SD;
            ToneWord word = parts.get(partIndex).word();
            if (word != null) {
                long local = frame - partStart;
                long length = partEnds[partIndex] - partStart;
                double t = (double) local / sampleRate;
                double fade = FADE_SECONDS * sampleRate;
                double gain = 1.0;
                if (local < fade) {
                    gain = 0.5 * (1 - Math.cos(Math.PI * local / fade));
                } else if (length - 1 - local < fade) {
                    gain = 0.5 * (1 - Math.cos(Math.PI * (length - 1 - local) / fade));
                }
                value += gain * AMPLITUDE * Math.sin(2 * Math.PI * word.frequency() * t);
            }
            return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
    }

    @Override
    public String toString() {
        StringBuilder script = new StringBuilder();
        for (Part part : parts) {
            if (!script.isEmpty()) {
                script.append(", ");
            }
            script.append(part.word() == null ? "silence" : part.word().word()).append(' ').append(part.seconds());
        }
        return script.length() > 200 ? script.substring(0, 200) + "... (" + durationSeconds() + " s)"
                : script.toString();
    }
}
