package dev.podgrep.app.ingestion;

import dev.podgrep.app.episodes.EpisodeStatistics;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingestion's metrics, named and tagged the Prometheus way (served at {@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code podgrep_episodes{status}}: episodes in each state; {@code podgrep_backlog_audio_seconds}: audio
 *       that still needs work (both from one aggregation per scrape);</li>
 *   <li>{@code podgrep_feed_fetches_total{feed,outcome}} with outcome {@code fetched}, {@code not_modified} or
 *       {@code failed};</li>
 *   <li>{@code podgrep_ingest_runs_total{trigger}};</li>
 *   <li>{@code podgrep_download_bytes_total}: audio bytes downloaded (not taken from the cache);</li>
 *   <li>{@code podgrep_transcription_seconds} (decoding and recognition of an episode, a timer) and
 *       {@code podgrep_transcribed_audio_seconds_total};</li>
 *   <li>{@code podgrep_transcription_realtime_factor}: seconds of audio transcribed per second of one transcription
 *       (a moving average; below 1 the transcriber is slower than real time);</li>
 *   <li>{@code podgrep_elasticsearch_errors_total{operation}}: requests to Elasticsearch that got no answer.</li>
 * </ul>
 */
@Component
public class IngestionMetrics {

    /** How long one aggregation serves the gauges: every gauge of one scrape reads the same snapshot. */
    static final long STATISTICS_SECONDS = 1;
    private static final Logger log = LoggerFactory.getLogger(IngestionMetrics.class);
    private static final double SMOOTHING = 0.3;

    private final MeterRegistry registry;
    private final EpisodeStore store;
    private final Timer transcription;
    private final Counter transcribedAudio;
    private final Counter downloadBytes;
    private final AtomicReference<Snapshot> statistics = new AtomicReference<>();
    private final AtomicReference<Double> realtimeFactor = new AtomicReference<>();

    private record Snapshot(EpisodeStatistics statistics, long takenAtNanos) {
    }

    public IngestionMetrics(MeterRegistry registry, EpisodeStore store) {
        this.registry = registry;
        this.store = store;
        this.transcription = Timer.builder("podgrep.transcription")
                .description("Decoding and recognition of one episode's audio").register(registry);
        this.transcribedAudio = Counter.builder("podgrep.transcribed.audio.seconds")
                .description("Seconds of audio transcribed").register(registry);
        this.downloadBytes = Counter.builder("podgrep.download.bytes")
                .description("Audio bytes downloaded (not taken from the cache)").register(registry);
        for (EpisodeStatus status : EpisodeStatus.values()) {
            Gauge.builder("podgrep.episodes", this, m -> m.statistics()
                            .map(s -> (double) s.byStatus().getOrDefault(status, 0L)).orElse(Double.NaN))
                    .description("Episodes in each state").tag("status", status.name()).register(registry);
        }
        Gauge.builder("podgrep.backlog.audio.seconds", this, m -> m.statistics()
                        .map(EpisodeStatistics::backlogAudioSeconds).orElse(Double.NaN))
                .description("Audio (as the feeds announce it) of the episodes that still need work")
                .register(registry);
        Gauge.builder("podgrep.transcription.realtime.factor", this,
                        m -> m.realtimeFactor().orElse(Double.NaN))
                .description("Seconds of audio per second of transcription (moving average)").register(registry);
    }

    /** A feed fetch ended: {@code fetched}, {@code not_modified} or {@code failed}. */
    void feedFetched(String feed, String outcome) {
        Counter.builder("podgrep.feed.fetches").description("Feed fetches by outcome")
                .tag("feed", feed).tag("outcome", outcome).register(registry).increment();
    }

    void runStarted(String trigger) {
        Counter.builder("podgrep.ingest.runs").description("Ingestion runs started").tag("trigger", trigger)
                .register(registry).increment();
    }

    void downloaded(long bytes) {
        downloadBytes.increment(bytes);
    }

    /** One episode's audio of {@code audioSeconds} was transcribed in {@code took}. */
    void transcribed(double audioSeconds, Duration took) {
        transcription.record(took);
        transcribedAudio.increment(audioSeconds);
        double seconds = took.toNanos() / 1e9;
        if (audioSeconds > 0 && seconds > 0) {
            double factor = audioSeconds / seconds;
            realtimeFactor.updateAndGet(previous -> previous == null ? factor
                    : previous + SMOOTHING * (factor - previous));
        }
    }

    void elasticsearchError(String operation) {
        Counter.builder("podgrep.elasticsearch.errors").description("Elasticsearch requests without an answer")
                .tag("operation", operation).register(registry).increment();
    }

    /** Seconds of audio per second of one transcription, once podgrep has transcribed something. */
    public OptionalDouble realtimeFactor() {
        Double factor = realtimeFactor.get();
        return factor == null ? OptionalDouble.empty() : OptionalDouble.of(factor);
    }

    /** Episode counts and backlog as they are now; empty when Elasticsearch is away. */
    public java.util.Optional<EpisodeStatistics> freshStatistics() {
        return statistics(true);
    }

    /** Episode counts and backlog, at most {@value #STATISTICS_SECONDS} s old (the gauges of one scrape share them). */
    java.util.Optional<EpisodeStatistics> statistics() {
        return statistics(false);
    }

    private java.util.Optional<EpisodeStatistics> statistics(boolean fresh) {
        Snapshot last = statistics.get();
        if (!fresh && last != null
                && System.nanoTime() - last.takenAtNanos() < STATISTICS_SECONDS * 1_000_000_000L) {
            return java.util.Optional.of(last.statistics());
        }
        try {
            EpisodeStatistics now = store.statistics();
            statistics.set(new Snapshot(now, System.nanoTime()));
            return java.util.Optional.of(now);
        } catch (RuntimeException e) {
            elasticsearchError("statistics");
            log.debug("episode statistics unavailable: {}", e.getMessage());
            return last == null ? java.util.Optional.empty() : java.util.Optional.of(last.statistics());
        }
    }
}
