package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;

/**
 * Feeds and enclosures that moved from http to https (the usual case) are followed; a redirect from https down to
 * plain http is refused (with private networks allowed: the downgrade rule holds whatever the address rule says).
 */
class HttpsRedirectTest {

    private final MockWebServer plain = new MockWebServer();
    private final MockWebServer tls = new MockWebServer();
    private IngestHttpClient http;

    @BeforeEach
    void start() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1")
                .build();
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate)
                .build();
        HandshakeCertificates clientCertificates = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate())
                .build();
        tls.useHttps(serverCertificates.sslSocketFactory());
        plain.start();
        tls.start();
        http = new IngestHttpClient(TestHttp.settings(2), builder -> builder.sslSocketFactory(
                clientCertificates.sslSocketFactory(), clientCertificates.trustManager()));
    }

    @AfterEach
    void stop() {
        http.close();
        plain.close();
        tls.close();
    }

    @Test
    void aFeedMovedToHttpsIsFollowed() throws Exception {
        String httpsUrl = tls.url("/feed.xml").toString();
        assertThat(httpsUrl).startsWith("https://");
        plain.enqueue(new MockResponse.Builder().code(301).setHeader("Location", httpsUrl).build());
        tls.enqueue(new MockResponse.Builder().body("<rss/>").build());
        Feed feed = new Feed(plain.url("/feed.xml").toString(), "Moved", "en");

        FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) new FeedFetcher(http)
                .fetch(feed, FeedValidators.NONE);

        assertThat(fetched.finalUrl()).isEqualTo(httpsUrl);
        assertThat(new String(fetched.body())).isEqualTo("<rss/>");
    }

    @Test
    void anEnclosureMovedToHttpsIsFollowed(@TempDir Path audioDir) throws Exception {
        byte[] audio = FakeAudio.mp3(10_000);
        plain.enqueue(new MockResponse.Builder().code(302).setHeader("Location", tls.url("/a.mp3").toString())
                .build());
        tls.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
                .body(new Buffer().write(audio)).build());

        DownloadedAudio downloaded = new AudioDownloader(http, audioDir)
                .download(EpisodeId.of("Moved", "a"), plain.url("/a.mp3").toString());

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(audio);
    }

    @Test
    void aFeedRedirectedFromHttpsToHttpIsRefusedBeforeTheHttpRequest() {
        String httpsUrl = tls.url("/feed.xml").toString();
        tls.enqueue(new MockResponse.Builder().code(301).setHeader("Location", plain.url("/feed.xml").toString())
                .build());
        plain.enqueue(new MockResponse.Builder().body("<rss/>").build());
        Feed feed = new Feed(httpsUrl, "Downgraded", "en");

        assertThatThrownBy(() -> new FeedFetcher(http).fetch(feed, FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(tls.getHostName() + " redirected from https to http ("
                            + plain.getHostName() + "); podgrep does not follow redirects that drop https: "
                            + httpsUrl);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(plain.getRequestCount()).as("nothing sent in the clear").isZero();
        assertThat(tls.getRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void anEnclosureRedirectedFromHttpsToHttpIsRefused(@TempDir Path audioDir) {
        tls.enqueue(new MockResponse.Builder().code(302).setHeader("Location", plain.url("/a.mp3").toString())
                .build());

        assertThatThrownBy(() -> new AudioDownloader(http, audioDir)
                .download(EpisodeId.of("Downgraded", "a"), tls.url("/a.mp3").toString()))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).contains("redirected from https to http");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(plain.getRequestCount()).isZero();
    }
}
