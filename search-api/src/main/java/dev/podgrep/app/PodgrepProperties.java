package dev.podgrep.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * All of podgrep's configuration, under {@code podgrep.*} (see ../shared/docs/contract.md and the README).
 * Validated at startup; a bad value stops the start with a message naming the property.
 */
@Validated
@ConfigurationProperties("podgrep")
public record PodgrepProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid List<FeedProperties> feeds,
        @Valid @DefaultValue ElasticsearchProperties elasticsearch,
        @Valid @DefaultValue VoskProperties vosk,
        @Valid @DefaultValue IngestProperties ingest,
        @Valid @DefaultValue AudioProperties audio,
        String adminToken,
        @Pattern(regexp = "|https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "podgrep.public-url must be empty or an"
                + " http(s) URL without query or fragment, like https://podgrep.example.org")
        String publicUrl) {

    public PodgrepProperties {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }

    /** One feed to ingest. */
    public record FeedProperties(
            @NotBlank(message = "podgrep.feeds[i].url must be set") String url,
            @NotBlank(message = "podgrep.feeds[i].name must be set") String name,
            @NotBlank @Pattern(regexp = "en|ru", message = "podgrep.feeds[i].language must be en or ru")
            String language) {
    }

    /**
     * Elasticsearch: an external cluster ({@code url}) or, when that is empty, the local node.
     *
     * @param url         external cluster, e.g. {@code http://localhost:9200}; empty = start the local node
     * @param home        the local node's home folder; empty = the {@code elasticsearch-home} built next to podgrep.jar
     * @param javaHome    JDK 21+ for the local node; empty = the running JVM
     * @param heap        the local node's heap
     * @param port        the local node's HTTP port; 0 = any free port (logged at start)
     * @param indexPrefix prefix of podgrep's index and alias names
     * @param startTimeout how long the local node may take to answer
     * @param connectTimeout  connecting to Elasticsearch (both clients)
     * @param responseTimeout waiting for an answer on the standard client (ingestion, state, bulk writes)
     * @param searchResponseTimeout waiting for an answer on the search client
     * @param connections       connection pool of the standard client
     * @param searchConnections connection pool of the search client
     * @param maxRestarts    the local node is restarted after it died at most this many times in a row
     * @param restartBackoff wait before the first restart; each further attempt waits twice as long
     */
    public record ElasticsearchProperties(
            String url,
            Path home,
            Path javaHome,
            @DefaultValue("1g") @Pattern(regexp = "\\d+[mg]", message = "podgrep.elasticsearch.heap must look like 512m or 1g")
            String heap,
            @DefaultValue("0") int port,
            @DefaultValue("podgrep") @Pattern(regexp = "[a-z0-9][a-z0-9_-]*",
                    message = "podgrep.elasticsearch.index-prefix must be lower-case letters, digits, - or _")
            String indexPrefix,
            @DefaultValue("120s") Duration startTimeout,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration responseTimeout,
            @DefaultValue("30s") Duration searchResponseTimeout,
            @DefaultValue("10") @Min(value = 1, message = "podgrep.elasticsearch.connections must be at least 1")
            int connections,
            @DefaultValue("20") @Min(value = 1, message = "podgrep.elasticsearch.search-connections must be at least 1")
            int searchConnections,
            @DefaultValue("5") @Min(value = 0, message = "podgrep.elasticsearch.max-restarts must be 0 or more")
            int maxRestarts,
            @DefaultValue("1s") Duration restartBackoff) {

        public boolean local() {
            return url == null || url.isBlank();
        }
    }

    /**
     * Vosk speech models and recognition.
     *
     * @param models      per language ({@code en}, {@code ru}): a model directory or a zip URL (+ sha256)
     * @param parallelism transcriptions at once; 0 = number of cores
     * @param logLevel    libvosk's native log level (-1 quiet … 1 verbose)
     */
    public record VoskProperties(
            Map<String, ModelProperties> models,
            @DefaultValue("0") int parallelism,
            @DefaultValue("-1") int logLevel) {

        public VoskProperties {
            models = models == null ? Map.of() : Map.copyOf(models);
        }
    }

    /**
     * The audio cache ({@code <data-dir>/audio}).
     *
     * @param cacheMaxBytes the cache's size: beyond it, the least recently used audio of INDEXED episodes is deleted
     *                      (their transcripts stay; a clip or a re-transcription fetches the audio again)
     */
    public record AudioProperties(@DefaultValue("2GB") DataSize cacheMaxBytes) {
    }

    /** One language's Vosk model: {@code path} (unpacked dir) wins over {@code url} (+ {@code sha256}). */
    public record ModelProperties(Path path, String url, String sha256) {
    }

    /**
     * Ingestion.
     *
     * @param cron          Spring cron expression of scheduled runs; {@code -} disables the schedule
     * @param onStartup     run once right after the start
     * @param maxAttempts   failed episodes are retried on later runs until this many attempts
     * @param maxAudioBytes largest audio file downloaded
     * @param claimTimeout  a claim on an episode expires after this long (its holder died)
     * @param fetchAttempts attempts per feed or audio request within one run, on 5xx, 429 and network errors
     * @param fetchBackoff  wait before the second of those attempts; each later wait doubles
     * @param minFreeDisk   free space the audio folder's disk must keep: below it, downloads wait (episodes are
     *                      given back, not failed) until space is freed
     * @param maxAudioDuration longest audio decoded; a longer episode fails with a clear, final error
     * @param allowPrivateNetworks allow feed, audio, transcript and model URLs that resolve to loopback, link-local,
     *                      private, multicast or unspecified addresses (tests and local setups); off by default
     * @param feedBudget    network time one feed may take in one run (its fetch and its episodes' transcripts and
     *                      downloads): a slow or hostile host cannot hold the run; what it did not finish is continued
     *                      on the next run
     * @param since         episodes published before this date (UTC) are recorded as SKIPPED and not downloaded;
     *                      null = every episode. Lowering it later brings them in on the next run
     */
    public record IngestProperties(
            @DefaultValue("0 0 * * * *") @NotBlank String cron,
            @DefaultValue("true") boolean onStartup,
            @DefaultValue("3") @Min(value = 1, message = "podgrep.ingest.max-attempts must be at least 1")
            int maxAttempts,
            @DefaultValue("1073741824") long maxAudioBytes,
            @DefaultValue("2h") Duration claimTimeout,
            @DefaultValue("4") @Min(value = 1, message = "podgrep.ingest.fetch-attempts must be at least 1")
            int fetchAttempts,
            @DefaultValue("1s") Duration fetchBackoff,
            @DefaultValue("1GB") DataSize minFreeDisk,
            @DefaultValue("6h") Duration maxAudioDuration,
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue("20m") Duration feedBudget,
            LocalDate since) {
    }
}
