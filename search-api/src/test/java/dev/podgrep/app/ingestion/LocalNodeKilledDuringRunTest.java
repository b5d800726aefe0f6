package dev.podgrep.app.ingestion;

import dev.podgrep.app.elasticsearch.ElasticsearchClients;
import dev.podgrep.app.elasticsearch.ElasticsearchConnection;
import dev.podgrep.app.elasticsearch.ElasticsearchConnection.Availability;
import dev.podgrep.app.elasticsearch.JavaRuntime;
import dev.podgrep.app.elasticsearch.LocalElasticsearch;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.ClaimHooks;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.podgrep.app.ingestion.Waiting.await;
import static dev.podgrep.app.ingestion.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Elasticsearch node that podgrep starts and supervises is killed with SIGKILL in the middle of an
 * ingestion run. The instance runs on a node of its own ({@link ElasticsearchConnection#local} on its own data
 * folder, with the application's {@link ElasticsearchClients}), not on the shared test node: the test kills it.
 *
 * <p>The node dies at a known point of the run, with each of the three workers somewhere else: two are downloading
 * their episode's audio (the podcast host holds the answers back until the node is dead; then one download succeeds
 * and the other gets a 404, a failure of the episode's own that must be recorded while Elasticsearch is down), and the
 * third is between its claim's read and its claim's write (the kill happens right there). Meanwhile the JVM's common
 * pool is busy, as any library may make it. What a user would notice is asserted:
 * <ul>
 *   <li>podgrep notices at once ({@link ElasticsearchConnection#availability()} leaves AVAILABLE; listeners hear
 *       RESTARTING) and starts the node again on the same data (a new process; AVAILABLE again);</li>
 *   <li>no episode is failed for the node's death and none is left claimed: the download that succeeded is given
 *       back with no attempt counted, the 404 is recorded as that episode's own final failure once the node answers,
 *       the interrupted claim is made again once it answers, and the run goes on with the rest of its queue instead
 *       of skipping it; the next run completes what was given back, from the audio already downloaded;</li>
 *   <li>nothing indexed before the kill is lost: searches find it after the restart and at the end, each episode
 *       once.</li>
 * </ul>
 */
class LocalNodeKilledDuringRunTest {

    /** 3.4 s: alpha at 0.6-1.1 s, charlie at 2.0-2.5 s. */
    private static final ToneWordAudio SPEECH = ToneWordAudio.parse(
            "silence 0.6, alpha 0.5, silence 0.9, charlie 0.5, silence 0.9");
    private static final String FEED = "crash";
    private static final int NEW_EPISODES = 6;
    /** The fixture's workers: transcription parallelism 2, plus one. */
    private static final int WORKERS = 3;

    @TempDir
    Path dir;

    @Test
    void aRunWhoseNodeIsKilledFailsNothingLeavesNothingClaimedGoesOnAndLosesNothing() throws Exception {
        Path model = ToneWordModel.writeTo(dir.resolve("model"));
        byte[] mp3 = Files.readAllBytes(SPEECH.encode(dir.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
        ElasticsearchConnection connection = ElasticsearchConnection.local(new LocalElasticsearch.Options(
                        TestElasticsearch.home(), dir.resolve("node"), JavaRuntime.forElasticsearch(null), "384m", 0,
                        "podgrep-killed-node", Duration.ofMinutes(4)),
                new ElasticsearchConnection.RestartPolicy(5, Duration.ofMillis(200)));
        List<Availability> heard = new CopyOnWriteArrayList<>();
        connection.addListener((availability, address) -> heard.add(availability));
        ElasticsearchClients.ClientSettings settings = new ElasticsearchClients.ClientSettings(Duration.ofSeconds(5),
                Duration.ofSeconds(60), 10);
        CountDownLatch downloadsReleased = new CountDownLatch(1);
        CountDownLatch commonPoolFree = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (connection; ElasticsearchClients clients = new ElasticsearchClients(connection, settings, settings);
             PodcastServer host = new PodcastServer()) {
            Feed feed = new Feed(host.url("/feeds/crash.xml"), FEED, "en");
            List<Item> before = List.of(
                    Item.audio("before-2", "Indexed before the crash", "2026-01-02T10:00:00Z",
                            host.url("/audio/before-2.mp3")),
                    Item.audio("before-1", "Indexed long before", "2026-01-01T10:00:00Z",
                            host.url("/audio/before-1.mp3")));
            host.route("/feeds/crash.xml", PodcastServer.feed(TestFeeds.rss("Crash", before), "\"v1\""));
            host.route("/audio/before-1.mp3", PodcastServer.audio(mp3));
            host.route("/audio/before-2.mp3", PodcastServer.audio(mp3));
            // claims of 30 s: a claim left behind shows in the assertions below, and would not linger for hours
            IngestionFixture podgrep = new IngestionFixture(clients.standard(),
                    TestElasticsearch.uniquePrefix("killed"), dir.resolve("data"), List.of(feed),
                    IngestionFixture.model("en", model), Duration.ofSeconds(30), Duration.ofMillis(200), 0,
                    clients.standard(), Duration.ofMinutes(10));
            try (podgrep) {
                RunSummary first = podgrep.run();
                assertThat(first.episodesIndexed()).isEqualTo(2);
                Set<String> indexedBefore = episodeIds(podgrep);
                assertThat(indexedBefore).containsExactlyInAnyOrder(id("before-1"), id("before-2"));

                // the next feed version: six new episodes, whose audio the host holds back until the node is dead
                Set<String> heldBack = ConcurrentHashMap.newKeySet();
                AtomicReference<String> answeredWith404 = new AtomicReference<>();
                List<Item> items = new ArrayList<>();
                for (int i = NEW_EPISODES; i >= 1; i--) {
                    String path = "/audio/during-" + i + ".mp3";
                    items.add(Item.audio("during-" + i, "Episode " + i + " of the crash run",
                            "2026-02-%02dT10:00:00Z".formatted(i), host.url(path)));
                    Function<RecordedRequest, MockResponse> audio = PodcastServer.audio(mp3);
                    Function<RecordedRequest, MockResponse> missing = PodcastServer.status(404);
                    host.route(path, request -> {
                        heldBack.add(path);
                        await(downloadsReleased);   // well within the downloader's 5 s read timeout
                        return path.equals(answeredWith404.get()) ? missing.apply(request) : audio.apply(request);
                    });
                }
                items.addAll(before);
                host.route("/feeds/crash.xml", PodcastServer.feed(TestFeeds.rss("Crash", items), "\"v2\""));

                // the kill: on the run's third claim, between its read and its write, once the other two workers
                // are downloading
                AtomicInteger claims = new AtomicInteger();
                AtomicReference<LocalElasticsearch> killed = new AtomicReference<>();
                AtomicReference<Throwable> hookFailure = new AtomicReference<>();
                ClaimHooks.beforeClaimWrite(podgrep.store, () -> {
                    if (claims.incrementAndGet() != WORKERS) {
                        return;
                    }
                    try {
                        waitUntil("the two other workers are downloading", Duration.ofSeconds(30),
                                () -> heldBack.size() >= WORKERS - 1);
                        answeredWith404.set(new TreeSet<>(heldBack).first());
                        killed.set(connection.localNode().orElseThrow());
                        ProcessHandle.of(killed.get().pid()).orElseThrow().destroyForcibly();   // SIGKILL
                        waitUntil("podgrep notices the node is gone", Duration.ofSeconds(20),
                                () -> !connection.available());
                    } catch (Throwable e) {
                        hookFailure.set(e);
                    } finally {
                        downloadsReleased.countDown();
                    }
                });
                // the JVM's common pool is busy meanwhile (one blocked task is enough on 2 cores)
                for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
                    ForkJoinPool.commonPool().execute(() -> await(commonPoolFree));
                }

                RunSummary second = runner.submit(podgrep::run).get(6, TimeUnit.MINUTES);

                assertThat(hookFailure.get()).as("the node was killed as planned").isNull();
                assertThat(killed.get()).isNotNull();
                assertThat(connection.available()).as("the node is back after the run").isTrue();
                assertThat(connection.localNode().orElseThrow().pid()).as("a new process")
                        .isNotEqualTo(killed.get().pid());
                assertThat(killed.get().isAlive()).isFalse();
                assertThat(heard).containsSubsequence(Availability.RESTARTING, Availability.AVAILABLE);

                String failing = EpisodeId.of(FEED, answeredWith404.get().replace("/audio/", "").replace(".mp3", ""));
                String givenBack = heldBack.stream().filter(p -> !p.equals(answeredWith404.get()))
                        .map(p -> EpisodeId.of(FEED, p.replace("/audio/", "").replace(".mp3", ""))).findFirst()
                        .orElseThrow();
                assertThat(second.episodesFailed()).as("only the 404, the episode's own failure").isEqualTo(1);
                assertThat(second.episodesIndexed()).as("the run went on with its queue once the node answered")
                        .isEqualTo(NEW_EPISODES - 2);
                for (EpisodeRecord episode : episodes(podgrep)) {
                    assertThat(episode.claim()).as("%s: not left claimed", episode.id()).isNull();
                    if (episode.id().equals(failing)) {
                        assertThat(episode.status()).isEqualTo(EpisodeStatus.FAILED);
                        assertThat(episode.state().error()).as("its own failure, recorded").contains("404");
                        assertThat(episode.state().attempts()).isEqualTo(1);
                    } else if (episode.id().equals(givenBack)) {
                        assertThat(episode.status()).as("given back for the next run").isEqualTo(EpisodeStatus.NEW);
                        assertThat(episode.state().attempts()).as("not its fault: no attempt counted").isZero();
                    } else {
                        assertThat(episode.status()).as(episode.id()).isEqualTo(EpisodeStatus.INDEXED);
                        assertThat(episode.state().attempts()).as(episode.id()).isZero();
                    }
                }
                assertThat(episodeIds(podgrep)).as("indexed before the kill, found after the restart")
                        .containsAll(indexedBefore);

                RunSummary third = podgrep.run();

                assertThat(third.episodesIndexed()).isEqualTo(1);
                assertThat(third.downloads()).as("the audio downloaded while the node was down is reused").isZero();
                assertThat(podgrep.store.find(givenBack).orElseThrow().status()).isEqualTo(EpisodeStatus.INDEXED);
                assertThat(podgrep.store.find(failing).orElseThrow().status()).as("final: not retried")
                        .isEqualTo(EpisodeStatus.FAILED);
                for (int i = 1; i <= NEW_EPISODES; i++) {
                    assertThat(host.requests("/audio/during-" + i + ".mp3")).as("during-%d fetched once", i)
                            .isEqualTo(1);
                }
                Set<String> searchable = episodeIds(podgrep);
                assertThat(searchable).as("every episode indexed, before and after the kill")
                        .hasSize(NEW_EPISODES + 1).containsAll(indexedBefore).doesNotContain(failing);
                assertThat(podgrep.search("charlie").total()).as("each once: one segment with charlie per episode")
                        .isEqualTo(NEW_EPISODES + 1);
            } finally {
                downloadsReleased.countDown();   // never leave the host's threads waiting
            }
        } finally {
            commonPoolFree.countDown();
            runner.shutdownNow();
        }
    }

    private static String id(String guid) {
        return EpisodeId.of(FEED, guid);
    }

    /** Every episode of the feed, each read in real time (claims are not refreshed into the search view). */
    private static List<EpisodeRecord> episodes(IngestionFixture podgrep) {
        List<String> guids = new ArrayList<>(List.of("before-1", "before-2"));
        for (int i = 1; i <= NEW_EPISODES; i++) {
            guids.add("during-" + i);
        }
        return guids.stream().map(guid -> podgrep.store.find(id(guid))
                .orElseThrow(() -> new AssertionError("no episode " + guid))).toList();
    }

    private static Set<String> episodeIds(IngestionFixture podgrep) {
        var criteria = new dev.podgrep.app.search.SearchCriteria(
                dev.podgrep.app.search.query.QueryParser.parse("charlie"), null, null, null, null, null, false,
                new dev.podgrep.app.web.PageWindow(0, 100));
        return podgrep.search.search(criteria).hits().stream().map(SearchHit::episodeId).collect(Collectors.toSet());
    }
}
