package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.feed.FeedFixtures;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.feed.ParsedFeed;

class FeedFetcherTest {

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer otherServer = new MockWebServer();
    private IngestHttpClient http;
    private FeedFetcher fetcher;
    private Feed feed;

    @BeforeEach
    void start() throws Exception {
        server.start();
        otherServer.start();
        http = new IngestHttpClient(TestHttp.settings(3));
        fetcher = new FeedFetcher(http);
        feed = new Feed(server.url("/rss/podcasts/v-kurse").toString(), "Медуза: В курсе", "ru");
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        otherServer.close();
    }

    @Test
    void fetchesTheFeedAndTheValidatorsToStore() throws Exception {
        byte[] xml = FeedFixtures.bytes("v-kurse-ru-windows1251.xml");
        server.enqueue(new MockResponse.Builder()
                .body(new Buffer().write(xml))
                .setHeader("Content-Type", "application/rss+xml; charset=utf-8")   // a lie: the XML says 1251
                .setHeader("ETag", "\"v1\"")
                .setHeader("Last-Modified", "Wed, 06 Mar 2024 09:00:00 GMT")
                .build());

        FeedFetchResult result = fetcher.fetch(feed, FeedValidators.NONE);

        assertThat(result).isInstanceOf(FeedFetchResult.Fetched.class);
        FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) result;
        assertThat(fetched.body()).isEqualTo(xml);
        assertThat(fetched.validators()).isEqualTo(new FeedValidators("\"v1\"", "Wed, 06 Mar 2024 09:00:00 GMT"));
        assertThat(fetched.finalUrl()).isEqualTo(feed.url());
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("User-Agent")).matches("podgrep/\\S+ \\(\\+https://github.com/podgrep\\)");
        assertThat(request.getHeaders().get("If-None-Match")).isNull();
        assertThat(request.getHeaders().get("If-Modified-Since")).isNull();

        ParsedFeed parsed = new FeedReader().read(feed, fetched.body());
        assertThat(parsed.episodes()).extracting(Episode::title)
                .startsWith("Что происходит с рублем? Объясняем за 15 минут");
    }

    @Test
    void aSecondFetchIsConditionalAndA304MeansNotModified() throws Exception {
        server.enqueue(new MockResponse.Builder().body("<rss/>").setHeader("ETag", "\"v1\"")
                .setHeader("Last-Modified", "Wed, 06 Mar 2024 09:00:00 GMT").build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        FeedValidators stored = fetcher.fetch(feed, FeedValidators.NONE).validators();
        FeedFetchResult second = fetcher.fetch(feed, stored);

        assertThat(second).isEqualTo(new FeedFetchResult.NotModified(stored));
        server.takeRequest();
        RecordedRequest conditional = server.takeRequest();
        assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.getHeaders().get("If-Modified-Since")).isEqualTo("Wed, 06 Mar 2024 09:00:00 GMT");
    }

    @Test
    void a304WithANewEtagUpdatesTheValidators() throws Exception {
        server.enqueue(new MockResponse.Builder().code(304).setHeader("ETag", "\"v2\"").build());

        FeedFetchResult result = fetcher.fetch(feed, new FeedValidators("\"v1\"", "Wed, 06 Mar 2024 09:00:00 GMT"));

        assertThat(result.validators()).isEqualTo(new FeedValidators("\"v2\"", "Wed, 06 Mar 2024 09:00:00 GMT"));
    }

    @Test
    void a304ToAFeedWithOnlyAnEtagIsNotModified() throws Exception {
        server.enqueue(new MockResponse.Builder().code(304).build());

        FeedFetchResult result = fetcher.fetch(feed, new FeedValidators("\"v1\"", null));

        assertThat(result).isEqualTo(new FeedFetchResult.NotModified(new FeedValidators("\"v1\"", null)));
    }

    @Test
    void retriesAfterAServerErrorAndRecovers() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().body("<rss version=\"2.0\"><channel/></rss>").build());

        FeedFetchResult result = fetcher.fetch(feed, FeedValidators.NONE);

        assertThat(result).isInstanceOf(FeedFetchResult.Fetched.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void retriesAreBoundedAndTheFailureSaysWhatAndWhere() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }

        assertThatThrownBy(() -> fetcher.fetch(feed, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 503 Service Unavailable for " + feed.url()
                            + " (gave up after 3 attempts)");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.httpStatus()).hasValue(503);
                    assertThat(e.url()).isEqualTo(feed.url());
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aMissingFeedIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(404).build());

        assertThatThrownBy(() -> fetcher.fetch(feed, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 404 Not Found for " + feed.url());
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsIsRetriedWithRetryAfterCappedByTheBackoffMaximum() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
        server.enqueue(new MockResponse.Builder().body("<rss/>").build());

        long start = System.nanoTime();
        fetcher.fetch(feed, FeedValidators.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aReadTimeoutIsRetried() throws Exception {
        http.close();
        http = new IngestHttpClient(TestHttp.settings(2).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
        fetcher = new FeedFetcher(http);
        server.enqueue(new MockResponse.Builder().body("<rss/>").headersDelay(1, TimeUnit.SECONDS).build());
        server.enqueue(new MockResponse.Builder().body("<rss>second</rss>").build());

        FeedFetchResult result = fetcher.fetch(feed, FeedValidators.NONE);

        assertThat(new String(((FeedFetchResult.Fetched) result).body())).isEqualTo("<rss>second</rss>");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void followsRedirectsToAnotherHostAndReportsTheFinalUrl() throws Exception {
        String target = otherServer.url("/moved/feed.xml").toString();
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", target).build());
        otherServer.enqueue(new MockResponse.Builder().body("<rss/>").build());

        FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) fetcher.fetch(feed, FeedValidators.NONE);

        assertThat(fetched.finalUrl()).isEqualTo(target);
        assertThat(otherServer.takeRequest().getHeaders().get("User-Agent")).startsWith("podgrep/");
    }

    @Test
    void aRedirectLoopIsAFinalFailureNotRetried() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(302).setHeader("Location", feed.url()).build();
            }
        });

        assertThatThrownBy(() -> fetcher.fetch(feed, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).startsWith("too many redirects").endsWith("for " + feed.url());
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(server.getRequestCount()).as("one attempt: 1 request + 20 follow-ups").isEqualTo(21);
    }

    @Test
    void refusesAFeedOverTheSizeLimit() {
        fetcher = new FeedFetcher(http, 100);
        server.enqueue(new MockResponse.Builder().body("<rss>" + "x".repeat(1000) + "</rss>").build());

        assertThatThrownBy(() -> fetcher.fetch(feed, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("feed is 1011 bytes, more than the maximum of 100: " + feed.url());
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void aNetworkFailureNamesTheUrl() {
        String closedPort = "http://127.0.0.1:1/feed.xml";
        Feed unreachable = new Feed(closedPort, "Nowhere", "en");

        assertThatThrownBy(() -> fetcher.fetch(unreachable, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).startsWith("cannot connect").contains("for " + closedPort)
                            .endsWith("(gave up after 3 attempts)");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.httpStatus()).isEmpty();
                });
    }
}
