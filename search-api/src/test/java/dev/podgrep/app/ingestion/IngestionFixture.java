package dev.podgrep.app.ingestion;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.audio.AudioCache;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.search.SearchService;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.recognition.EpisodeTranscriber;
import dev.podgrep.app.recognition.SpeechModels;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FetchSettings;
import dev.podgrep.ingest.fetch.IngestHttpClient;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One podgrep instance's ingestion, wired by hand as Spring wires it, on the real local Elasticsearch (its own
 * index prefix), a data directory, the real FFmpeg and libvosk with the tone-word model.
 */
final class IngestionFixture implements AutoCloseable {


    final ElasticsearchClient client;
    final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    final IngestionMetrics metrics;
    final AudioCache audioCache;
    /** The audio cache's size for instances made from now on (tests of eviction set it small). */
    static volatile long audioCacheBytes = Long.MAX_VALUE;
    private final List<Feed> feedList;
    private final Map<String, PodgrepProperties.ModelProperties> voskModels;
    final IndexNames names;
    final Path dataDir;
    final EpisodeStore store;
    final FeedRegistry feeds;
    final SearchService search;
    final SpeechModels models;
    final EpisodeTranscriber transcriber;
    final IngestHttpClient http;
    final AudioDownloader downloader;
    final TranscriptFiles transcriptFiles;
    final IngestionService ingestion;

    IngestionFixture(String prefix, Path dataDir, List<Feed> feedList,
                     Map<String, PodgrepProperties.ModelProperties> voskModels) {
        this(prefix, dataDir, feedList, voskModels, Duration.ofMinutes(30), Duration.ofSeconds(10), 0);
    }

    /**
     * @param claimTimeout how long claims last
     * @param heartbeat    how often a worker waiting for Vosk renews its claim (if half expired)
     * @param minFreeDisk  free bytes the audio folder's disk must keep for downloads to go ahead
     */
    IngestionFixture(String prefix, Path dataDir, List<Feed> feedList,
                     Map<String, PodgrepProperties.ModelProperties> voskModels, Duration claimTimeout,
                     Duration heartbeat, long minFreeDisk) {
        this(TestElasticsearch.client(), prefix, dataDir, feedList, voskModels, claimTimeout, heartbeat, minFreeDisk,
                TestElasticsearch.client(), Duration.ofMinutes(10));
    }

    /** An instance whose feeds may each take only {@code feedBudget} of network time per run. */
    static IngestionFixture withFeedBudget(String prefix, Path dataDir, List<Feed> feedList,
                                           Map<String, PodgrepProperties.ModelProperties> voskModels,
                                           Duration feedBudget) {
        return new IngestionFixture(TestElasticsearch.client(), prefix, dataDir, feedList, voskModels,
                Duration.ofMinutes(30), Duration.ofSeconds(10), 0, TestElasticsearch.client(), feedBudget);
    }

    /**
     * @param client         the Elasticsearch of the episode state, feeds and searches
     * @param segmentsClient the Elasticsearch the transcript indexer writes to (normally the same)
     * @param feedBudget     network time each feed may take per run
     */
    IngestionFixture(ElasticsearchClient client, String prefix, Path dataDir, List<Feed> feedList,
                     Map<String, PodgrepProperties.ModelProperties> voskModels, Duration claimTimeout,
                     Duration heartbeat, long minFreeDisk, ElasticsearchClient segmentsClient, Duration feedBudget) {
        this(client, prefix, dataDir, feedList, voskModels, claimTimeout, heartbeat, minFreeDisk, segmentsClient,
                feedBudget, true);
    }

    /**
     * @param allowPrivateNetworks whether fetches may reach loopback and private addresses (the test hosts are on
     *                             loopback; false shows podgrep's refusal)
     */
    IngestionFixture(ElasticsearchClient client, String prefix, Path dataDir, List<Feed> feedList,
                     Map<String, PodgrepProperties.ModelProperties> voskModels, Duration claimTimeout,
                     Duration heartbeat, long minFreeDisk, ElasticsearchClient segmentsClient, Duration feedBudget,
                     boolean allowPrivateNetworks) {
        this.client = client;
        this.feedList = feedList;
        this.voskModels = voskModels;
        this.names = new IndexNames(prefix);
        this.dataDir = dataDir;
        this.store = new EpisodeStore(client, names, claimTimeout, 3, Clock.systemUTC());
        this.feeds = new FeedRegistry(client, names, feedList, Clock.systemUTC());
        SegmentsIndex segments = new SegmentsIndex(client, names);
        TranscriptIndexer indexer = new TranscriptIndexer(segmentsClient, segments);
        this.search = new SearchService(client, segments);
        this.models = new SpeechModels(dataDir, voskModels, -1, true);
        this.transcriber = new EpisodeTranscriber(models, 2, heartbeat, ChildDecoderSettings.fromCurrentJvm());
        this.http = new IngestHttpClient(FetchSettings.defaults().withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20))
                .withAllowPrivateNetworks(allowPrivateNetworks));
        this.downloader = new AudioDownloader(http, dataDir.resolve("audio"));
        this.transcriptFiles = new TranscriptFiles(dataDir.resolve("transcripts"));
        FeedFetcher fetcher = new FeedFetcher(http);
        this.metrics = new IngestionMetrics(registry, store);
        this.audioCache = new AudioCache(dataDir.resolve("audio"), audioCacheBytes, store);
        FeedIntake intake = new FeedIntake(feeds, fetcher, new FeedReader(), store, metrics);
        EpisodePipeline pipeline = new EpisodePipeline(store,
                new PublisherTranscripts(fetcher, new PublisherTranscriptReader()), downloader, transcriber, indexer,
                transcriptFiles, new DiskSpace(dataDir.resolve("audio"), minFreeDisk), metrics, audioCache);
        this.ingestion = new IngestionService(feeds, intake, store, pipeline, models, transcriber, metrics,
                audioCache, feedBudget);
    }

    /**
     * Another instance on the same indices and data directory whose transcript indexer talks to the Elasticsearch at
     * {@code url} (for a node that is gone: {@code http://127.0.0.1:1}); episode state stays on the shared node.
     * The caller closes it.
     */
    IngestionFixture withIndexerOn(String url) {
        return new IngestionFixture(client, names.prefix(), dataDir, feedList, voskModels, Duration.ofMinutes(30),
                Duration.ofSeconds(10), 0, clientOf(url), Duration.ofMinutes(10));
    }

    /** A client on the Elasticsearch at {@code url}. */
    static ElasticsearchClient clientOf(String url) {
        var rest = co.elastic.clients.transport.rest5_client.low_level.Rest5Client.builder(java.net.URI.create(url))
                .build();
        return new ElasticsearchClient(new co.elastic.clients.transport.rest5_client.Rest5ClientTransport(rest,
                dev.podgrep.app.elasticsearch.ElasticsearchConfiguration.jsonpMapper()));
    }

    static Map<String, PodgrepProperties.ModelProperties> model(String language, Path directory) {
        return Map.of(language, new PodgrepProperties.ModelProperties(directory, null, null));
    }

    RunSummary run() {
        return ingestion.runNow("test").orElseThrow(() -> new AssertionError("a run was already in progress"));
    }

    EpisodeRecord episode(String feed, String guid) {
        return store.find(EpisodeId.of(feed, guid))
                .orElseThrow(() -> new AssertionError("no episode " + guid + " of feed " + feed));
    }

    SearchResult search(String query) {
        return search.search(SearchCriteria.of(QueryParser.parse(query)));
    }

    @Override
    public void close() {
        ingestion.stop();
        transcriber.close();
        models.close();
        http.close();
    }
}
