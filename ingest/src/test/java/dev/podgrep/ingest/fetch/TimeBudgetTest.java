package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;

/**
 * A tarpit (a server that answers, but trickles its bytes: no read timeout ever fires) cannot hold an ingestion run
 * longer than the caller's deadline; neither can a server that keeps asking for retries.
 */
class TimeBudgetTest {

    private static final Duration BUDGET = Duration.ofMillis(1500);
    /** Far above the budget, so that a failure within it can only come from the budget. */
    private static final Duration PATIENT = Duration.ofSeconds(60);
    private static final String EPISODE = EpisodeId.of("Tarpit", "ep-1");

    @TempDir
    Path audioDir;

    private final MockWebServer server = new MockWebServer();
    private IngestHttpClient http;

    @BeforeEach
    void start() throws Exception {
        server.start();
        http = new IngestHttpClient(TestHttp.settings(4).withTimeouts(PATIENT, PATIENT, PATIENT));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    /** 1 MB at 2 KB per 100 ms: 50 seconds, every read well within the read timeout. */
    private static MockResponse tarpit(String contentType, byte[] body) {
        return new MockResponse.Builder().setHeader("Content-Type", contentType)
                .body(new Buffer().write(body)).throttleBody(2048, 100, TimeUnit.MILLISECONDS).build();
    }

    @Test
    void aTrickledFeedGivesUpAtTheDeadline() {
        server.enqueue(tarpit("application/rss+xml", ("<rss>" + "x".repeat(1_000_000) + "</rss>").getBytes()));
        Feed feed = new Feed(server.url("/feed.xml").toString(), "Tarpit", "en");

        long start = System.nanoTime();
        assertThatThrownBy(() -> new FeedFetcher(http).fetch(feed, FeedValidators.NONE, Instant.now().plus(BUDGET)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("gave up: the time budget for this feed ran out: " + feed.url());
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.plusSeconds(3));
        assertThat(server.getRequestCount()).as("no retry after the deadline").isEqualTo(1);
    }

    @Test
    void aTrickledDocumentGivesUpAtTheDeadline() {
        server.enqueue(tarpit("text/vtt", ("WEBVTT\n\n" + "y".repeat(1_000_000)).getBytes()));
        String url = server.url("/ep-1.vtt").toString();

        long start = System.nanoTime();
        assertThatThrownBy(() -> new FeedFetcher(http).fetchDocument(url, 4_000_000, Instant.now().plus(BUDGET)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("gave up: the time budget for this feed ran out: " + url);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.plusSeconds(3));
    }

    @Test
    void aTrickledDownloadGivesUpAtTheDeadlineAndKeepsWhatArrivedForLater() throws Exception {
        byte[] audio = FakeAudio.mp3(1_000_000);
        server.enqueue(tarpit("audio/mpeg", audio));
        String url = server.url("/ep-1.mp3").toString();
        AudioDownloader downloader = new AudioDownloader(http, audioDir);

        long start = System.nanoTime();
        assertThatThrownBy(() -> downloader.download(EPISODE, url, Instant.now().plus(BUDGET)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("gave up: the time budget for this feed ran out: " + url);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.plusSeconds(3));
        assertThat(server.getRequestCount()).isEqualTo(1);
        long kept = Files.size(downloader.partialFile(EPISODE));
        assertThat(kept).as("the partial download is kept").isGreaterThan(0).isLessThan(audio.length);

        server.enqueue(new MockResponse.Builder().code(206).setHeader("Content-Type", "audio/mpeg")
                .setHeader("Content-Range", "bytes " + kept + "-" + (audio.length - 1) + "/" + audio.length)
                .body(new Buffer().write(java.util.Arrays.copyOfRange(audio, (int) kept, audio.length))).build());
        DownloadedAudio resumed = downloader.download(EPISODE, url, Instant.now().plus(PATIENT));
        assertThat(Files.readAllBytes(resumed.file())).isEqualTo(audio);
    }

    @Test
    void noRetryStartsWhenItsBackoffWouldEndPastTheDeadline() {
        http.close();
        http = new IngestHttpClient(TestHttp.settings(4).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().body("<rss/>").build());
        Feed feed = new Feed(server.url("/feed.xml").toString(), "Busy", "en");

        long start = System.nanoTime();
        assertThatThrownBy(() -> new FeedFetcher(http).fetch(feed, FeedValidators.NONE, Instant.now().plus(BUDGET)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("gave up: the time budget for this feed ran out: " + feed.url());
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getCause()).hasMessage("HTTP 503 Service Unavailable for " + feed.url());
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("did not sleep 5 s").isLessThan(BUDGET);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aDeadlineAlreadyPastSendsNothing() {
        Feed feed = new Feed(server.url("/feed.xml").toString(), "Late", "en");

        assertThatThrownBy(() -> new FeedFetcher(http).fetch(feed, FeedValidators.NONE, Instant.now().minusSeconds(1)))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("gave up: the time budget for this feed ran out");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withinTheBudgetAFetchIsUnaffected() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().body("<rss/>").build());
        Feed feed = new Feed(server.url("/feed.xml").toString(), "Fine", "en");

        FeedFetchResult result = new FeedFetcher(http).fetch(feed, FeedValidators.NONE, Instant.now().plus(PATIENT));

        assertThat(result).isInstanceOf(FeedFetchResult.Fetched.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
