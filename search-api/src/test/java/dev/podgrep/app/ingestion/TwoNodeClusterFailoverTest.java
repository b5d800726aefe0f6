package dev.podgrep.app.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.ElasticsearchClients;
import dev.podgrep.app.elasticsearch.ElasticsearchConnection;
import dev.podgrep.app.elasticsearch.JavaRuntime;
import dev.podgrep.app.elasticsearch.LocalElasticsearch;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.app.search.SearchCriteria;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.web.PageWindow;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.podgrep.app.ingestion.Waiting.await;
import static dev.podgrep.app.ingestion.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * podgrep on a real two-node Elasticsearch cluster (two local nodes, each a child JVM with its own data folder,
 * joined over transport on loopback), the path by which users outgrow one machine: podgrep's indices get one replica
 * ({@code auto_expand_replicas: 0-1} in their mappings turns into 1 replica once a second data node is there), the
 * clients know both nodes' addresses (as {@code podgrep.elasticsearch.url=http://a,http://b} configures them), and
 * the node holding every primary is killed with SIGKILL while podgrep ingests and a loop searches.
 *
 * <p><b>Why only one node is master-eligible.</b> Elasticsearch elects a master by a majority of the voting
 * configuration, which it keeps odd: with two master-eligible nodes it holds only one of them. Observed on these
 * nodes (both master-eligible, the elected master killed with SIGKILL): the voting configuration listed the master
 * alone; the survivor could not elect itself and stayed without a master for as long as it was watched (over two
 * minutes): searches still answered (Elasticsearch's default {@code cluster.no_master_block: write}), every write
 * was refused with 503 {@code cluster_block_exception: no master}, cluster health answered 503
 * {@code master_not_discovered_exception}. Only the lost node's return ends that. So two nodes survive the loss of one
 * only when it is not the one that votes; a test that killed "one of two master-eligible nodes" would pass or fail
 * depending on which one Elasticsearch made the voter. This test makes that explicit: node A is master-eligible and
 * holds data, node B holds data only, and B is killed; every primary is placed on B first (allocation filtering), so
 * that its death forces what matters: A's replicas are promoted and take the writes. Surviving the loss of the master
 * as well takes three master-eligible nodes (or a voting-only third one: an x-pack module this plugin-less node
 * lacks); that case is not tested.
 *
 * <p>Asserted, as a user would see it:
 * <ul>
 *   <li>searches keep answering: a loop of searches (the episode listing, then a transcript search) running through
 *       the failure sees errors, if any, only within a short window after the kill;</li>
 *   <li>never a wrong count: every successful search finds every episode whose INDEXED state was acknowledged before
 *       it started, and each episode once;</li>
 *   <li>ingestion carries on: the run in progress completes with nothing failed and nothing left claimed; what it
 *       gave back (a write that met a shard being promoted) is done by the next run at once; everything ends
 *       INDEXED with no attempt counted against it;</li>
 *   <li>nothing acknowledged is lost: at the end every episode is found, on the surviving node alone.</li>
 * </ul>
 */
class TwoNodeClusterFailoverTest {

    /** 3.4 s: alpha at 0.6-1.1 s, charlie at 2.0-2.5 s. */
    private static final ToneWordAudio SPEECH = ToneWordAudio.parse(
            "silence 0.6, alpha 0.5, silence 0.9, charlie 0.5, silence 0.9");
    private static final String FEED = "cluster";
    private static final int BEFORE = 3;
    private static final int DURING = 6;
    /** Episodes whose audio is held back until the kill: the run is still going on when the node dies. */
    private static final int HELD_BACK = 3;
    /** How long after the kill a search may fail (generous for a loaded 2-core machine). */
    private static final Duration FAILURE_WINDOW = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** One search of the loop: when it started, what was acknowledged then, and what it found (or its error). */
    private record Probe(long startedNanos, Set<String> acknowledged, List<String> found, long total, String error) {
    }

    @Test
    void theNodeHoldingThePrimariesDiesWhileIngestingAndSearchingAndNothingAcknowledgedIsLost() throws Exception {
        Path model = ToneWordModel.writeTo(dir.resolve("model"));
        byte[] mp3 = Files.readAllBytes(SPEECH.encode(dir.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
        int transportA = freePort();
        int transportB = freePort();
        String seeds = "127.0.0.1:" + transportA + ",127.0.0.1:" + transportB;
        LocalElasticsearch.Options common = new LocalElasticsearch.Options(TestElasticsearch.home(), dir,
                JavaRuntime.forElasticsearch(null), "320m", 0, "podgrep-two-nodes", Duration.ofMinutes(4));
        LocalElasticsearch.Options optionsA = node(common, "node-a", Map.of("node.name", "podgrep-a",
                "node.roles", "master,data", "cluster.initial_master_nodes", "podgrep-a",
                "transport.port", Integer.toString(transportA), "discovery.seed_hosts", seeds));
        LocalElasticsearch.Options optionsB = node(common, "node-b", Map.of("node.name", "podgrep-b",
                "node.roles", "data", "transport.port", Integer.toString(transportB), "discovery.seed_hosts", seeds));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch killed = new CountDownLatch(1);
        LocalElasticsearch nodeA = null;
        LocalElasticsearch nodeB = null;
        try {
            Future<LocalElasticsearch> startingB = threads.submit(() -> LocalElasticsearch.start(optionsB));
            nodeA = LocalElasticsearch.start(optionsA);
            nodeB = startingB.get(5, TimeUnit.MINUTES);
            URI a = nodeA.httpAddress();
            JsonNode health = admin("GET", a, "/_cluster/health?wait_for_nodes=2&timeout=60s", null);
            assertThat(health.path("number_of_nodes").asInt()).as("one cluster of two nodes").isEqualTo(2);
            assertThat(master(a)).isEqualTo("podgrep-a");

            ElasticsearchConnection connection = ElasticsearchConnection.external(List.of(a, nodeB.httpAddress()));
            ElasticsearchClients.ClientSettings settings = new ElasticsearchClients.ClientSettings(
                    Duration.ofSeconds(5), Duration.ofSeconds(60), 10);
            try (ElasticsearchClients clients = new ElasticsearchClients(connection, settings, settings);
                 PodcastServer host = new PodcastServer()) {
                Feed feed = new Feed(host.url("/feeds/cluster.xml"), FEED, "en");
                List<Item> before = new ArrayList<>();
                for (int i = BEFORE; i >= 1; i--) {
                    before.add(Item.audio("before-" + i, "Before " + i, "2026-01-%02dT10:00:00Z".formatted(i),
                            host.url("/audio/before-" + i + ".mp3")));
                    host.route("/audio/before-" + i + ".mp3", PodcastServer.audio(mp3));
                }
                host.route("/feeds/cluster.xml", PodcastServer.feed(TestFeeds.rss("Cluster", before), "\"v1\""));

                // every primary on node B, the one that will die: podgrep creates its indices while A is excluded
                admin("PUT", a, "/_cluster/settings",
                        "{\"persistent\":{\"cluster.routing.allocation.exclude._name\":\"podgrep-a\"}}");
                IngestionFixture podgrep = new IngestionFixture(clients.standard(),
                        TestElasticsearch.uniquePrefix("cluster"), dir.resolve("data"), List.of(feed),
                        IngestionFixture.model("en", model), Duration.ofSeconds(20), Duration.ofMillis(200), 0,
                        clients.standard(), Duration.ofMinutes(10));
                try (podgrep) {
                    admin("PUT", a, "/_cluster/settings",
                            "{\"persistent\":{\"cluster.routing.allocation.exclude._name\":null}}");
                    String indices = podgrep.names.prefix() + "-*";
                    health = admin("GET", a, "/_cluster/health/" + indices
                            + "?wait_for_status=green&wait_for_no_relocating_shards=true&timeout=90s", null);
                    assertThat(health.path("status").asText()).as("each index with its replica").isEqualTo("green");
                    Map<String, String> primaries = new HashMap<>();
                    for (JsonNode shard : admin("GET", a, "/_cat/shards/" + indices + "?format=json", null)) {
                        String where = shard.path("node").asText();
                        if (shard.path("prirep").asText().equals("p")) {
                            primaries.put(shard.path("index").asText(), where);
                        } else {
                            assertThat(where).as("replica of %s", shard.path("index").asText()).isEqualTo("podgrep-a");
                        }
                    }
                    assertThat(primaries).hasSize(3).allSatisfy((index, where) ->
                            assertThat(where).as("primary of %s", index).isEqualTo("podgrep-b"));

                    RunSummary first = podgrep.run();
                    assertThat(first.episodesIndexed()).isEqualTo(BEFORE);

                    // the next feed version: six new episodes; the audio of the oldest three waits for the kill
                    List<Item> items = new ArrayList<>();
                    Set<String> heldBack = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    for (int i = DURING; i >= 1; i--) {
                        String path = "/audio/during-" + i + ".mp3";
                        items.add(Item.audio("during-" + i, "During " + i, "2026-02-%02dT10:00:00Z".formatted(i),
                                host.url(path)));
                        Function<RecordedRequest, MockResponse> audio = PodcastServer.audio(mp3);
                        host.route(path, i > HELD_BACK ? audio : request -> {
                            heldBack.add(path);
                            await(killed);
                            return audio.apply(request);
                        });
                    }
                    items.addAll(before);
                    host.route("/feeds/cluster.xml", PodcastServer.feed(TestFeeds.rss("Cluster", items), "\"v2\""));

                    List<Probe> probes = new CopyOnWriteArrayList<>();
                    AtomicBoolean searching = new AtomicBoolean(true);
                    Future<?> loop = threads.submit(() -> searchLoop(podgrep, searching, probes));
                    Future<RunSummary> run = threads.submit(podgrep::run);

                    waitUntil("the run asks for audio held back until the kill", Duration.ofMinutes(2),
                            () -> !heldBack.isEmpty() || run.isDone());
                    assertThat(run).as("the run is in progress when the node dies").isNotDone();
                    long killedAt = System.nanoTime();
                    ProcessHandle.of(nodeB.pid()).orElseThrow().destroyForcibly();   // SIGKILL
                    nodeB.onExit().get(30, TimeUnit.SECONDS);
                    killed.countDown();

                    RunSummary second = run.get(5, TimeUnit.MINUTES);
                    Thread.sleep(1_000);   // a few more searches after the run
                    searching.set(false);
                    loop.get(1, TimeUnit.MINUTES);

                    assertThat(second.episodesFailed()).as("nothing failed for the node's death").isZero();
                    assertSearchesKeptAnswering(probes, killedAt);
                    System.out.printf("two-node failover: the run in progress indexed %d of %d, gave back %d%n",
                            second.episodesIndexed(), DURING, second.episodesWaiting());
                    for (EpisodeRecord episode : episodes(podgrep)) {
                        assertThat(episode.claim()).as("%s: not left claimed by the run", episode.id()).isNull();
                        assertThat(episode.status()).as(episode.id()).isNotEqualTo(EpisodeStatus.FAILED);
                    }
                    // what the run gave back while a shard's copies were being promoted (if anything) is done by the
                    // next run, at once: nothing waits for a claim to lapse
                    if (!allIndexed(podgrep)) {
                        assertThat(podgrep.run().episodesFailed()).isZero();
                    }
                    for (EpisodeRecord episode : episodes(podgrep)) {
                        assertThat(episode.status()).as(episode.id()).isEqualTo(EpisodeStatus.INDEXED);
                        assertThat(episode.claim()).as(episode.id()).isNull();
                        assertThat(episode.state().attempts()).as("%s: no attempt counted", episode.id()).isZero();
                    }
                    health = admin("GET", a, "/_cluster/health/" + indices + "?wait_for_status=green&timeout=60s",
                            null);
                    assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
                    assertThat(health.path("status").asText())
                            .as("auto_expand_replicas 0-1 on one data node: no replica to miss").isEqualTo("green");
                    Set<String> all = new HashSet<>();
                    for (int i = 1; i <= BEFORE; i++) {
                        all.add(EpisodeId.of(FEED, "before-" + i));
                    }
                    for (int i = 1; i <= DURING; i++) {
                        all.add(EpisodeId.of(FEED, "during-" + i));
                    }
                    SearchResult end = search(podgrep);
                    assertThat(end.hits()).extracting(SearchHit::episodeId).as("every episode, once")
                            .containsExactlyInAnyOrderElementsOf(all);
                    assertThat(end.total()).isEqualTo(all.size());
                }
            }
        } finally {
            killed.countDown();
            threads.shutdownNow();
            if (nodeB != null) {
                nodeB.close();
            }
            if (nodeA != null) {
                nodeA.close();
            }
        }
    }

    /**
     * Searches until told to stop: each round lists the INDEXED episodes (what is acknowledged now), then searches
     * the transcripts; both count as the user's searches.
     */
    private static void searchLoop(IngestionFixture podgrep, AtomicBoolean searching, List<Probe> probes) {
        while (searching.get()) {
            long started = System.nanoTime();
            try {
                Set<String> acknowledged = podgrep.store.list(FEED, EpisodeStatus.INDEXED, 0, 100).items().stream()
                        .map(EpisodeRecord::id).collect(Collectors.toSet());
                SearchResult result = search(podgrep);
                probes.add(new Probe(started, acknowledged, result.hits().stream().map(SearchHit::episodeId).toList(),
                        result.total(), null));
            } catch (RuntimeException e) {
                probes.add(new Probe(started, Set.of(), List.of(), -1, e.toString()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * No search failed outside the window after the kill; every search that answered found everything acknowledged
     * before it started, each episode once; and searches did answer during and after the failure.
     */
    private static void assertSearchesKeptAnswering(List<Probe> probes, long killedAt) {
        Set<String> acknowledgedSoFar = new HashSet<>();
        int answeredAfterKill = 0;
        List<String> errors = new ArrayList<>();
        for (Probe probe : probes) {
            double secondsAfterKill = (probe.startedNanos() - killedAt) / 1e9;
            if (probe.error() != null) {
                errors.add("%.1f s: %s".formatted(secondsAfterKill, probe.error()));
                assertThat(secondsAfterKill).as("a search failed outside the window after the kill: %s",
                        probe.error()).isBetween(-1.0, (double) FAILURE_WINDOW.toSeconds());
                continue;
            }
            assertThat(probe.found()).as("a search at %.1f s found every episode acknowledged before it",
                    secondsAfterKill).containsAll(acknowledgedSoFar).containsAll(probe.acknowledged());
            assertThat(probe.found()).as("each episode once").doesNotHaveDuplicates();
            assertThat(probe.total()).as("the count matches the episodes found").isEqualTo(probe.found().size());
            acknowledgedSoFar.addAll(probe.acknowledged());
            if (probe.startedNanos() > killedAt) {
                answeredAfterKill++;
            }
        }
        System.out.printf("two-node failover: %d searches, %d answered after the kill, %d failed%s%n", probes.size(),
                answeredAfterKill, errors.size(), errors.isEmpty() ? "" : ": " + errors);
        assertThat(answeredAfterKill).as("searches answered after the kill").isGreaterThanOrEqualTo(5);
        assertThat(acknowledgedSoFar).as("the loop saw episodes acknowledged").isNotEmpty();
    }

    private static SearchResult search(IngestionFixture podgrep) {
        return podgrep.search.search(new SearchCriteria(QueryParser.parse("charlie"), null, null, null, null, null,
                false, new PageWindow(0, 100)));
    }

    private static boolean allIndexed(IngestionFixture podgrep) {
        return episodes(podgrep).stream().allMatch(e -> e.status() == EpisodeStatus.INDEXED && e.claim() == null);
    }

    private static List<EpisodeRecord> episodes(IngestionFixture podgrep) {
        List<EpisodeRecord> all = new ArrayList<>();
        for (int i = 1; i <= BEFORE; i++) {
            all.add(podgrep.episode(FEED, "before-" + i));
        }
        for (int i = 1; i <= DURING; i++) {
            all.add(podgrep.episode(FEED, "during-" + i));
        }
        return all;
    }

    private static LocalElasticsearch.Options node(LocalElasticsearch.Options common, String folder,
                                                   Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("discovery.type", "multi-node");   // over the home's single-node configuration
        return new LocalElasticsearch.Options(common.home(), common.nodeDir().resolve(folder), common.java(),
                common.heap(), 0, common.clusterName(), common.startTimeout(), List.of(), all);
    }

    private String master(URI node) throws IOException, InterruptedException {
        return admin("GET", node, "/_cat/master?format=json", null).path(0).path("node").asText();
    }

    private JsonNode admin(String method, URI node, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(120));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
