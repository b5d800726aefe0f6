package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;

/**
 * Servers that send an ETag or Last-Modified OkHttp cannot send back (non-ASCII, control characters): the value is
 * dropped, the fetch still works, and the next one is not broken by it.
 */
class InvalidValidatorsTest {

    private static final String LAST_MODIFIED = "Wed, 06 Mar 2024 09:00:00 GMT";

    @TempDir
    Path audioDir;

    private final MockWebServer server = new MockWebServer();
    private IngestHttpClient http;
    private Feed feed;

    @BeforeEach
    void start() throws Exception {
        server.start();
        http = new IngestHttpClient(TestHttp.settings(3));
        feed = new Feed(server.url("/feed.xml").toString(), "Umlaut FM", "de");
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aNonAsciiEtagIsDroppedAndTheNextFetchStillWorks() throws Exception {
        server.enqueue(new MockResponse.Builder().body("<rss/>")
                .addHeaderLenient("ETag", "\"größe-1\"")
                .setHeader("Last-Modified", LAST_MODIFIED).build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        FeedFetcher fetcher = new FeedFetcher(http);

        FeedValidators stored = fetcher.fetch(feed, FeedValidators.NONE).validators();
        FeedFetchResult second = fetcher.fetch(feed, stored);

        assertThat(stored).isEqualTo(new FeedValidators(null, LAST_MODIFIED));
        assertThat(second).isInstanceOf(FeedFetchResult.NotModified.class);
        server.takeRequest();
        RecordedRequest conditional = server.takeRequest();
        assertThat(conditional.getHeaders().get("If-None-Match")).isNull();
        assertThat(conditional.getHeaders().get("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    }

    @Test
    void anInvalidValidatorStoredEarlierIsNotSent() throws Exception {
        server.enqueue(new MockResponse.Builder().body("<rss/>").build());

        FeedValidators fromStorage = new FeedValidators("\"caf\u00e9\"", "Mi, 06 M\u00e4r 2024 09:00:00 MEZ");
        FeedFetchResult result = new FeedFetcher(http).fetch(feed, fromStorage);

        assertThat(fromStorage).isEqualTo(FeedValidators.NONE);
        assertThat(result).isInstanceOf(FeedFetchResult.Fetched.class);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("If-None-Match")).isNull();
        assertThat(request.getHeaders().get("If-Modified-Since")).isNull();
    }

    @Test
    void aCutDownloadWithANonAsciiEtagResumesWithoutIfRange() throws Exception {
        byte[] audio = FakeAudio.mp3(50_000);
        int cut = 20_000;
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/mpeg")
                .addHeaderLenient("ETag", "\"fichier-\u00e9t\u00e9\"")
                .body(new Buffer().write(Arrays.copyOf(audio, cut)))
                .setHeader("Content-Length", audio.length)
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(new MockResponse.Builder().code(206)
                .setHeader("Content-Type", "audio/mpeg")
                .setHeader("Content-Range", "bytes " + cut + "-" + (audio.length - 1) + "/" + audio.length)
                .body(new Buffer().write(Arrays.copyOfRange(audio, cut, audio.length)))
                .build());

        DownloadedAudio downloaded = new AudioDownloader(http, audioDir)
                .download(EpisodeId.of("Umlaut FM", "ep-1"), server.url("/ep-1.mp3").toString());

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(audio);
        server.takeRequest();
        RecordedRequest resume = server.takeRequest();
        assertThat(resume.getHeaders().get("Range")).isEqualTo("bytes=" + cut + "-");
        assertThat(resume.getHeaders().get("If-Range")).isNull();
    }
}
