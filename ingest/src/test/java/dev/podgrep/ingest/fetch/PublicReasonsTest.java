package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
 * A fetch failure's reason is shown publicly (an episode's {@code error}, a feed's last error): it never repeats what
 * the other end sent (banners, status phrases, bodies, odd headers), or podgrep becomes a port scanner that reports
 * what answered. Status code and standard reason phrase at most.
 */
class PublicReasonsTest {

    private static final String BANNER = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5";
    private static final String EPISODE = EpisodeId.of("Probe", "probe-1");

    @TempDir
    Path audioDir;

    private final MockWebServer server = new MockWebServer();
    private IngestHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server.start();
        http = new IngestHttpClient(TestHttp.settings(2));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aServiceThatIsNoHttpServerIsNotQuoted() throws Exception {
        try (ServerSocket ssh = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!ssh.isClosed()) {
                    try (Socket client = ssh.accept(); OutputStream out = client.getOutputStream()) {
                        out.write((BANNER + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + ssh.getLocalPort() + "/feed.xml";

            assertThatThrownBy(() -> new FeedFetcher(http).fetch(new Feed(url, "Probe", "en"), FeedValidators.NONE))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo("the answer is not valid HTTP for " + url
                                + " (gave up after 2 attempts)");
                        assertThat(e.reason()).doesNotContain("SSH").doesNotContain("OpenSSH");
                    });
        }
    }

    @Test
    void aStatusIsNamedByItsCodeAndStandardPhraseNeverTheServersOwn() {
        String url = server.url("/a.mp3").toString();
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 404 Redis 7.2.4 on db-internal-3")
                .body("stack trace of the admin panel").build());
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 499 Jenkins 2.440 login required").build());

        assertThatThrownBy(() -> new AudioDownloader(http, audioDir).download(EPISODE, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("HTTP 404 Not Found for " + url));
        assertThatThrownBy(() -> new FeedFetcher(http).fetchDocument(url, 1024))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("HTTP 499 for " + url));
    }

    @Test
    void notAudioNeverQuotesTheBodyOrAnOddContentType() {
        String url = server.url("/a.mp3").toString();
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/x-redis-7.2.4-db-internal")
                .body("-ERR unknown command 'GET', with args beginning with: '/a.mp3'\r\n").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/x-memcached-1.6")
                .body(new Buffer().write(new byte[] {0, 1, 2, 3, (byte) 0xC0, 'S', 'T', 'A', 'T'})).build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "internal banner v1")
                .body("{\"cluster_name\":\"podgrep-prod\"}").build());

        AudioDownloader downloader = new AudioDownloader(http, audioDir);
        assertThatThrownBy(() -> downloader.download(EPISODE, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served another application/* type (text), not audio: " + url));
        assertThatThrownBy(() -> downloader.download(EPISODE, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served another text/* type and the content is no known audio format, not audio: "
                                + url));
        assertThatThrownBy(() -> downloader.download(EPISODE, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served an invalid Content-Type (JSON), not audio: " + url));
    }
}
