package dev.podgrep.app.ingestion;

import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole ingestion runs against hostile or odd podcast hosts on loopback (MockWebServer), with the real local
 * Elasticsearch, FFmpeg and libvosk: a tarpit cannot hold the run, slow audio is continued later, a feed on a
 * private address is refused, feeds that moved are followed, relative enclosure URLs are resolved.
 */
class HostileFeedsRunTest {

    private static final ToneWordAudio SPEECH = ToneWordAudio.parse("silence 0.6, alpha 0.5, silence 0.9");

    @TempDir
    static Path shared;
    private static Path model;
    private static byte[] mp3;

    @TempDir
    Path dataDir;
    private final PodcastServer host = new PodcastServer();
    private final List<IngestionFixture> fixtures = new ArrayList<>();

    @BeforeAll
    static void modelAndAudio() throws IOException {
        model = ToneWordModel.writeTo(shared.resolve("vosk-model-tone-words"));
        mp3 = Files.readAllBytes(SPEECH.encode(shared.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
    }

    @AfterEach
    void close() throws IOException {
        fixtures.forEach(IngestionFixture::close);
        host.close();
    }

    private IngestionFixture instance(Duration feedBudget, Feed... feeds) {
        IngestionFixture fixture = IngestionFixture.withFeedBudget(TestElasticsearch.uniquePrefix("hostile"),
                dataDir, List.of(feeds), IngestionFixture.model("en", model), feedBudget);
        fixtures.add(fixture);
        return fixture;
    }

    private Feed feed(String name) {
        return new Feed(host.url("/feeds/" + name + ".xml"), name, "en");
    }

    @Test
    void aTarpitFeedCannotHoldTheRunAndTheOtherFeedsEpisodesAreDone() {
        Feed tarpit = feed("tarpit");
        Feed good = feed("good");
        // a feed that answers at once but then sends one byte every 200 ms: it would take minutes
        host.route("/feeds/tarpit.xml", request -> new MockResponse.Builder()
                .setHeader("Content-Type", "application/rss+xml")
                .body(new Buffer().writeUtf8(TestFeeds.rss("Tarpit", List.of())).writeUtf8(" ".repeat(4000)))
                .throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
        host.route("/feeds/good.xml", PodcastServer.feed(TestFeeds.rss("Good", List.of(
                Item.audio("g1", "Good one", "2026-01-01T10:00:00Z", host.url("/audio/g1.mp3")))), "\"g\""));
        host.route("/audio/g1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(Duration.ofSeconds(2), tarpit, good);

        long started = System.nanoTime();
        RunSummary run = podgrep.run();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(seconds).as("the run is not held by the tarpit").isLessThan(60);
        assertThat(run.feedsFailed()).isEqualTo(1);
        FeedRecord tarpitState = podgrep.feeds.state("tarpit").orElseThrow();
        assertThat(tarpitState.lastOutcome()).isEqualTo("failed");
        assertThat(tarpitState.lastError()).contains("time budget for this feed ran out");
        assertThat(podgrep.episode("good", "g1").status()).isEqualTo(EpisodeStatus.INDEXED);
    }

    @Test
    void slowAudioIsGivenBackWhenItsFeedsBudgetIsSpentAndResumedOnTheNextRun() {
        Feed slow = feed("slow");
        host.route("/feeds/slow.xml", PodcastServer.feed(TestFeeds.rss("Slow", List.of(
                Item.audio("s1", "Slow audio", "2026-01-01T10:00:00Z", host.url("/audio/s1.mp3")))), "\"s\""));
        host.route("/audio/s1.mp3", request -> new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
                .setHeader("Accept-Ranges", "bytes").body(new Buffer().write(mp3))
                .throttleBody(1024, 500, TimeUnit.MILLISECONDS).build());
        IngestionFixture podgrep = instance(Duration.ofSeconds(2), slow);

        RunSummary first = podgrep.run();

        assertThat(first.episodesFailed()).as("not the episode's fault").isZero();
        assertThat(first.episodesWaiting()).isEqualTo(1);
        EpisodeRecord waiting = podgrep.episode("slow", "s1");
        assertThat(waiting.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(waiting.state().attempts()).isZero();
        assertThat(waiting.state().transcriptNote()).contains("time budget for this feed ran out");
        assertThat(podgrep.downloader.partialFile(waiting.id())).as("what came so far is kept").exists();

        host.route("/audio/s1.mp3", PodcastServer.audio(mp3));
        podgrep.run();
        assertThat(podgrep.episode("slow", "s1").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(host.requestsTo("/audio/s1.mp3").getLast().getHeaders().get("Range")).matches("bytes=\\d+-");
    }

    @Test
    void aFeedOnAPrivateAddressIsRefusedWithoutAConnection() {
        Feed local = feed("local");
        host.route("/feeds/local.xml", PodcastServer.feed(TestFeeds.rss("Local", List.of()), "\"l\""));
        IngestionFixture podgrep = new IngestionFixture(TestElasticsearch.client(),
                TestElasticsearch.uniquePrefix("hostile-ssrf"), dataDir, List.of(local),
                IngestionFixture.model("en", model), Duration.ofMinutes(30), Duration.ofSeconds(10), 0,
                TestElasticsearch.client(), Duration.ofMinutes(10), false);
        fixtures.add(podgrep);

        RunSummary run = podgrep.run();

        assertThat(run.feedsFailed()).isEqualTo(1);
        FeedRecord state = podgrep.feeds.state("local").orElseThrow();
        assertThat(state.lastError()).contains("resolves to a loopback address")
                .contains("podgrep only fetches from public addresses");
        assertThat(host.requests("/feeds/local.xml")).as("no connection reached the host").isZero();
    }

    @Test
    void aFeedThatDeclaresAMoveIsFollowedAndKeepsItsEpisodes() {
        Feed old = feed("moving");
        String newUrl = host.url("/feeds/new-home.xml");
        String oldXml = TestFeeds.rss("Moving", List.of(
                Item.audio("m1", "Before the move", "2026-01-01T10:00:00Z", host.url("/audio/m1.mp3"))))
                .replace("<itunes:author>", "<itunes:new-feed-url>" + newUrl + "</itunes:new-feed-url><itunes:author>");
        host.route("/feeds/moving.xml", PodcastServer.feed(oldXml, "\"old\""));
        host.route("/feeds/new-home.xml", PodcastServer.feed(TestFeeds.rss("Moving", List.of(
                Item.audio("m2", "After the move", "2026-02-01T10:00:00Z", host.url("/audio/m2.mp3")),
                Item.audio("m1", "Before the move", "2026-01-01T10:00:00Z", host.url("/audio/m1.mp3")))), "\"new\""));
        host.route("/audio/m1.mp3", PodcastServer.audio(mp3));
        host.route("/audio/m2.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(Duration.ofMinutes(5), old);

        podgrep.run();
        FeedRecord moved = podgrep.feeds.state("moving").orElseThrow();
        assertThat(moved.url()).isEqualTo(newUrl);
        assertThat(moved.movedFrom()).isEqualTo(old.url());
        assertThat(podgrep.feeds.feeds()).extracting(Feed::url).containsExactly(newUrl);

        podgrep.run();
        assertThat(host.requests("/feeds/new-home.xml")).isEqualTo(1);
        assertThat(host.requests("/feeds/moving.xml")).as("the old URL is not fetched again").isEqualTo(1);
        assertThat(podgrep.episode("moving", "m1").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(podgrep.episode("moving", "m2").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(podgrep.episode("moving", "m1").listing().removedFromFeed()).isFalse();
    }

    @Test
    void aRedirectDocumentMovesTheFeedWithoutRemovingItsEpisodes() {
        Feed feed = feed("redirected");
        host.route("/feeds/redirected.xml", PodcastServer.feed(TestFeeds.rss("Redirected", List.of(
                Item.audio("r1", "Kept", "2026-01-01T10:00:00Z", host.url("/audio/r1.mp3")))), "\"r1\""));
        host.route("/audio/r1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(Duration.ofMinutes(5), feed);
        podgrep.run();
        String target = host.url("/feeds/elsewhere.xml");
        host.route("/feeds/redirected.xml", PodcastServer.feedWithoutValidators(
                "<?xml version=\"1.0\"?><redirect><newLocation>" + target + "</newLocation></redirect>"));

        RunSummary run = podgrep.run();

        assertThat(run.feeds()).singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo("moved"));
        assertThat(podgrep.feeds.state("redirected").orElseThrow().url()).isEqualTo(target);
        EpisodeRecord kept = podgrep.episode("redirected", "r1");
        assertThat(kept.listing().removedFromFeed()).as("a redirect document removes nothing").isFalse();
        assertThat(kept.status()).isEqualTo(EpisodeStatus.INDEXED);
    }

    @Test
    void relativeEnclosureUrlsAreResolvedAgainstTheFeedsUrl() {
        Feed feed = feed("relative");
        host.route("/feeds/relative.xml", PodcastServer.feed(TestFeeds.rss("Relative", List.of(
                Item.audio("rel1", "Relative audio", "2026-01-01T10:00:00Z", "../audio/rel1.mp3"))), "\"rel\""));
        host.route("/audio/rel1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(Duration.ofMinutes(5), feed);

        podgrep.run();

        EpisodeRecord episode = podgrep.episode("relative", "rel1");
        assertThat(episode.listing().audioUrl()).isEqualTo(host.url("/audio/rel1.mp3"));
        assertThat(episode.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(podgrep.search("alpha").total()).isEqualTo(1);
    }
}
