package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** {@link FeedFetcher#fetchDocument}: a publisher transcript fetched with a plain GET and its own size cap. */
class FetchDocumentTest {

    private static final String SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello there\n";

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private IngestHttpClient http;
    private FeedFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server.start();
        cdn.start();
        http = new IngestHttpClient(TestHttp.settings(3));
        fetcher = new FeedFetcher(http);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        cdn.close();
    }

    @Test
    void fetchesTheBodyItsContentTypeAndTheUrlAfterRedirects() throws Exception {
        String target = cdn.url("/transcripts/ep-1.srt").toString();
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target).build());
        cdn.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/x-subrip").body(SRT)
                .setHeader("ETag", "\"t1\"").build());

        FetchedDocument document = fetcher.fetchDocument(server.url("/ep-1.srt").toString(), 1024);

        assertThat(new String(document.body(), StandardCharsets.UTF_8)).isEqualTo(SRT);
        assertThat(document.contentType()).isEqualTo("application/x-subrip");
        assertThat(document.finalUrl()).isEqualTo(target);
        RecordedRequest request = cdn.takeRequest();
        assertThat(request.getHeaders().get("User-Agent")).startsWith("podgrep/");
        assertThat(request.getHeaders().get("If-None-Match")).as("a plain GET, never conditional").isNull();
        assertThat(request.getHeaders().get("If-Modified-Since")).isNull();
    }

    @Test
    void isRetriedOnServerErrorsLikeAFeed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().body(SRT).build());

        FetchedDocument document = fetcher.fetchDocument(server.url("/ep-1.srt").toString(), 1024);

        assertThat(document.contentType()).isNull();
        assertThat(new String(document.body(), StandardCharsets.UTF_8)).isEqualTo(SRT);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDocumentAnnouncedOverTheCapIsAFinalFailure() {
        String url = server.url("/huge.srt").toString();
        server.enqueue(new MockResponse.Builder().body("x".repeat(5000)).build());

        assertThatThrownBy(() -> fetcher.fetchDocument(url, 4096))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("the document is 5000 bytes, more than the maximum of 4096: "
                            + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void aDocumentGrowingOverTheCapWithoutContentLengthIsAFinalFailure() {
        String url = server.url("/chunked.srt").toString();
        server.enqueue(new MockResponse.Builder().chunkedBody("y".repeat(200_000), 1000).build());

        assertThatThrownBy(() -> fetcher.fetchDocument(url, 100_000))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("the document is more than the maximum of 100000 bytes: " + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aMissingDocumentIsAFinalFailure() {
        String url = server.url("/gone.vtt").toString();
        server.enqueue(new MockResponse.Builder().code(404).build());

        assertThatThrownBy(() -> fetcher.fetchDocument(url, 1024))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 404 Not Found for " + url);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void refusesWhatIsNoHttpUrl() {
        assertThatThrownBy(() -> fetcher.fetchDocument("file:///etc/passwd", 1024))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("not an http(s) URL: file:///etc/passwd");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
