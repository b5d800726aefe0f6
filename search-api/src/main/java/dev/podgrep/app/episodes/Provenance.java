package dev.podgrep.app.episodes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.podgrep.transcribe.transcript.TranscriptSource;

import java.time.Instant;

/**
 * Where a transcript came from, for citations a researcher can check: the publisher's own transcript, or which
 * speech model recognised which exact audio file (its SHA-256), and when.
 *
 * @param source        {@code ASR} or {@code PUBLISHER}
 * @param model         the speech model that made an ASR transcript (its directory name, e.g.
 *                      {@code vosk-model-small-en-us-0.15}), null for publisher transcripts
 * @param audioSha256   SHA-256 (hex) of the audio file the words were recognised from, null for publisher ones
 * @param transcribedAt when the words were recognised (ASR) or fetched (publisher)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Provenance(TranscriptSource source, String model, String audioSha256, Instant transcribedAt) {

    /** A publisher transcript fetched at {@code at}. */
    public static Provenance publisher(Instant at) {
        return new Provenance(TranscriptSource.PUBLISHER, null, null, at);
    }

    /** An ASR transcript of the audio with this checksum, recognised by {@code model} at {@code at}. */
    public static Provenance asr(String model, String audioSha256, Instant at) {
        return new Provenance(TranscriptSource.ASR, model, audioSha256, at);
    }
}
