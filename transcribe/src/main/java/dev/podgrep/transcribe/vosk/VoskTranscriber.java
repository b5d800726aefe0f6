package dev.podgrep.transcribe.vosk;

import dev.podgrep.transcribe.audio.AudioDecodingException;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.audio.PcmStream;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.TranscriptTooLongException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.Recognizer;

/**
 * Transcribes episode audio with Vosk into a {@link TimedTranscript}: decodes the file to 16 kHz mono PCM
 * ({@link PcmDecoder}), streams it through a fresh Vosk recogniser of the shared {@link VoskModel} half a second at
 * a time, and turns every Vosk result (an utterance, ended by a pause) into segments of words with absolute start
 * and end times and confidences. Memory stays bounded whatever the episode's length.
 *
 * <p>Thread-safe: any number of threads may call {@link #transcribe} at once (each call has its own recogniser;
 * the model is shared). {@link TranscriptionPool} runs several at a time.
 *
 * <pre>{@code
 * VoskTranscriber transcriber = new VoskTranscriber(models.forLanguage("en"));
 * TimedTranscript transcript = transcriber.transcribe(Path.of("episode.mp3"),
 *         (done, total) -> log.info("{} of {} s", done, total));
 * }</pre>
 */
public final class VoskTranscriber {

    private static final Logger log = LoggerFactory.getLogger(VoskTranscriber.class);

    /** PCM bytes handed to Vosk at a time: half a second, also the progress granularity. */
    static final int CHUNK_BYTES = PcmDecoder.BYTES_PER_SECOND / 2;

    private final VoskModel model;
    private final PcmDecoder decoder;
    private final int maxWords;

    /**
     * A transcriber using {@code model}, decoding in a child process started from this JVM's class path
     * ({@link ChildDecoderSettings#fromCurrentJvm()}), with the default limits.
     */
    public VoskTranscriber(VoskModel model) {
        this(model, PcmDecoder.inChildProcess(ChildDecoderSettings.fromCurrentJvm()));
    }

    /** A transcriber using {@code model} and {@code decoder}, at most {@value TranscriptTooLongException#DEFAULT_MAX_WORDS} words. */
    public VoskTranscriber(VoskModel model, PcmDecoder decoder) {
        this(model, decoder, TranscriptTooLongException.DEFAULT_MAX_WORDS);
    }

    /**
     * @param maxWords the most words one transcript may hold; past it {@link #transcribe} fails with a
     *                 {@link TranscriptTooLongException}
     */
    public VoskTranscriber(VoskModel model, PcmDecoder decoder, int maxWords) {
        this.model = Objects.requireNonNull(model, "model");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be positive, not " + maxWords);
        }
        this.maxWords = maxWords;
    }

    /** The decoder this transcriber reads audio with. */
    public PcmDecoder decoder() {
        return decoder;
    }

    /** The model this transcriber recognises with. */
    public VoskModel model() {
        return model;
    }

    /** Transcribes {@code audio} without progress reports. See {@link #transcribe(Path, OptionalDouble, TranscriptionProgress)}. */
    public TimedTranscript transcribe(Path audio) throws IOException {
        return transcribe(audio, OptionalDouble.empty(), TranscriptionProgress.NONE);
    }

    /** Transcribes {@code audio}, reporting progress. See {@link #transcribe(Path, OptionalDouble, TranscriptionProgress)}. */
    public TimedTranscript transcribe(Path audio, TranscriptionProgress progress) throws IOException {
        return transcribe(audio, OptionalDouble.empty(), progress);
    }

    /**
     * Transcribes one audio file.
     *
     * @param audio                a local audio file (MP3, M4A, Ogg/Opus, WAV, ...)
     * @param durationHintSeconds  the episode's duration as known elsewhere (e.g. the feed's itunes:duration), used
     *                             for progress when the file does not declare its own
     * @param progress             told seconds done / total about every half second of audio
     * @return the transcript ({@link TranscriptSource#ASR}, the model's language); {@code complete} is false when the
     *         audio decoded only in part (e.g. a truncated download): its words then cover the part that decoded
     * @throws AudioDecodingException  when the file is missing, empty, not audio, undecodable, longer than the
     *                                 decoder's limit ({@link dev.podgrep.transcribe.audio.AudioTooLongException}),
     *                                 or the decoder process crashed or hung on it
     *                                 ({@link dev.podgrep.transcribe.audio.DecoderFailedException}); names the file
     * @throws TranscriptTooLongException when the words would exceed the limit per episode
     * @throws dev.podgrep.transcribe.audio.DecoderStartException when the decoder process cannot start (retry later)
     * @throws InterruptedIOException  when the thread is interrupted (the transcription stops within half a second)
     * @throws IOException             on other read failures
     * @throws IllegalStateException   when the model has been closed
     */
    public TimedTranscript transcribe(Path audio, OptionalDouble durationHintSeconds, TranscriptionProgress progress)
            throws IOException {
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        try (PcmStream pcm = decoder.open(audio)) {
            OptionalDouble total = pcm.durationSeconds().isPresent() ? pcm.durationSeconds() : durationHintSeconds;
            List<Segment> segments = recognise(pcm, total, progress);
            Optional<String> incomplete = pcm.incompleteReason();
            incomplete.ifPresent(reason -> log.warn("{}: transcript covers only part of the audio: {}", audio, reason));
            TimedTranscript transcript = new TimedTranscript(segments, TranscriptSource.ASR, model.language(),
                    incomplete.isEmpty());
            double seconds = pcm.secondsDecoded();
            double elapsed = (System.nanoTime() - started) / 1e9;
            log.debug("{}: {} words in {} s of audio, {} s ({}x realtime)", audio, transcript.wordCount(),
                    Math.round(seconds), Math.round(elapsed), Math.round(seconds / Math.max(elapsed, 1e-3)));
            return transcript;
        }
    }

    /** Appends {@code found} to {@code segments}; the word count after, within {@link #maxWords}. */
    private int add(List<Segment> segments, List<Segment> found, int wordsBefore, PcmStream pcm)
            throws TranscriptTooLongException {
        int words = wordsBefore;
        for (Segment segment : found) {
            words += segment.words().size();
        }
        if (words > maxWords) {
            throw new TranscriptTooLongException("the transcript of " + pcm.file() + " (at "
                    + Math.round(pcm.secondsDecoded()) + " s)", maxWords);
        }
        segments.addAll(found);
        return words;
    }

    /** Feeds all of {@code pcm} to one recogniser and collects its results as segments. */
    private List<Segment> recognise(PcmStream pcm, OptionalDouble total, TranscriptionProgress progress)
            throws IOException {
        List<Segment> segments = new ArrayList<>();
        byte[] chunk = new byte[CHUNK_BYTES];
        int words = 0;
        try (Recognizer recognizer = model.newRecognizer(PcmDecoder.SAMPLE_RATE)) {
            int length;
            while ((length = pcm.readNBytes(chunk, 0, chunk.length)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("transcription of " + pcm.file() + " interrupted at "
                            + Math.round(pcm.secondsDecoded()) + " s");
                }
                // Vosk takes whole 16-bit samples; a stream always delivers an even byte count before its end
                if (recognizer.acceptWaveForm(chunk, length - (length % 2))) {
                    words = add(segments, VoskResult.segments(VoskResult.words(recognizer.getResult())), words, pcm);
                }
                progress.update(pcm.secondsDecoded(), total);
            }
            add(segments, VoskResult.segments(VoskResult.words(recognizer.getFinalResult())), words, pcm);
        }
        return segments;
    }
}
