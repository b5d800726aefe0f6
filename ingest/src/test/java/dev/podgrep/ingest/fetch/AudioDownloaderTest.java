package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

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

class AudioDownloaderTest {

    private static final String EPISODE_ID = EpisodeId.of("The Naked Pravda", "meduza-en-episode-0101");
    private static final byte[] AUDIO = FakeAudio.mp3(100_000);

    @TempDir
    Path audioDir;

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer cdn = new MockWebServer();
    private IngestHttpClient http;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server.start();
        cdn.start();
        url = server.url("/audio/podcasts/the-naked-pravda/0101.mp3").toString();
        http = new IngestHttpClient(TestHttp.settings(3));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        cdn.close();
    }

    @Test
    void downloadsIntoTheAudioDirectoryUnderTheEpisodeId() throws Exception {
        server.enqueue(audio(AUDIO, "audio/mpeg"));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(downloaded.file()).isEqualTo(audioDir.resolve(EPISODE_ID + ".mp3"));
        assertThat(downloaded.bytes()).isEqualTo(AUDIO.length);
        assertThat(downloaded.alreadyPresent()).isFalse();
        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(AUDIO);
        assertThat(partialFiles()).isEmpty();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("User-Agent")).startsWith("podgrep/");
        assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
        assertThat(request.getHeaders().get("Range")).isNull();
    }

    @Test
    void theExtensionComesFromTheContentNotTheUrlOrTheContentType() throws Exception {
        byte[] m4a = FakeAudio.m4a(5000);
        server.enqueue(audio(m4a, "application/octet-stream"));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(downloaded.file().getFileName().toString()).as("extension from the content, not the URL")
                .isEqualTo(EPISODE_ID + ".m4a");
        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(m4a);
    }

    @Test
    void aCompleteFileIsNotDownloadedAgain() throws Exception {
        server.enqueue(audio(AUDIO, "audio/mpeg"));
        AudioDownloader downloader = downloader();
        downloader.download(EPISODE_ID, url);

        DownloadedAudio again = downloader.download(EPISODE_ID, url);

        assertThat(again.alreadyPresent()).isTrue();
        assertThat(again.bytes()).isEqualTo(AUDIO.length);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void followsAnEnclosureBehindThreeRedirects() throws Exception {
        server.enqueue(redirect(server.url("/r2").toString(), 301));
        server.enqueue(redirect(cdn.url("/r3").toString(), 302));
        cdn.enqueue(redirect(cdn.url("/files/0101.mp3").toString(), 307));
        cdn.enqueue(audio(AUDIO, "audio/mpeg"));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(AUDIO);
        assertThat(server.getRequestCount() + cdn.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aCutDownloadIsKeptAndResumedWithRangeOnTheNextCall() throws Exception {
        http.close();
        http = new IngestHttpClient(TestHttp.settings(1));
        int cut = 40_000;
        server.enqueue(cutAfter(cut, "\"etag-1\""));
        server.enqueue(partialContent(cut, "\"etag-1\""));
        AudioDownloader downloader = downloader();

        assertThatThrownBy(() -> downloader.download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).startsWith("download cut at " + cut + " of " + AUDIO.length + " bytes")
                            .endsWith("; will resume: " + url);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Files.size(downloader.partialFile(EPISODE_ID))).isEqualTo(cut);
        assertThat(downloader.completeFile(EPISODE_ID)).isEmpty();

        DownloadedAudio resumed = downloader.download(EPISODE_ID, url);

        server.takeRequest();
        RecordedRequest resume = server.takeRequest();
        assertThat(resume.getHeaders().get("Range")).isEqualTo("bytes=" + cut + "-");
        assertThat(resume.getHeaders().get("If-Range")).isEqualTo("\"etag-1\"");
        assertThat(Files.readAllBytes(resumed.file())).isEqualTo(AUDIO);
        assertThat(resumed.bytes()).isEqualTo(AUDIO.length);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void aCutDownloadIsResumedWithinTheSameCallWhenAttemptsRemain() throws Exception {
        int cut = 65_536;
        server.enqueue(cutAfter(cut, null));
        server.enqueue(partialContent(cut, null));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(AUDIO);
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=" + cut + "-");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aServerIgnoringRangeMakesTheDownloadRestartCleanly() throws Exception {
        int cut = 30_000;
        server.enqueue(cutAfter(cut, null));
        server.enqueue(audio(AUDIO, "audio/mpeg"));   // 200 with the whole file, Range ignored

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=" + cut + "-");
        assertThat(downloaded.bytes()).isEqualTo(AUDIO.length);
        assertThat(Files.readAllBytes(downloaded.file())).as("not spliced").isEqualTo(AUDIO);
    }

    @Test
    void aPartialAnswerForTheWrongRangeRestartsFromZero() throws Exception {
        int cut = 30_000;
        server.enqueue(cutAfter(cut, null));
        server.enqueue(new MockResponse.Builder().code(206)
                .setHeader("Content-Type", "audio/mpeg")
                .setHeader("Content-Range", "bytes 0-" + (AUDIO.length - 1) + "/" + AUDIO.length)
                .body(new Buffer().write(AUDIO))
                .build());
        server.enqueue(audio(AUDIO, "audio/mpeg"));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(AUDIO);
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Range")).as("restarted without a range").isNull();
    }

    @Test
    void missingAudioIsAFinalFailureWithStatusAndUrl() {
        server.enqueue(new MockResponse.Builder().code(404).body("no such file").build());

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 404 Not Found for " + url);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.httpStatus()).hasValue(404);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(partialFiles()).isEmpty();
        assertThat(downloader().completeFile(EPISODE_ID)).isEmpty();
    }

    @Test
    void goneAudioDeletesWhatWasDownloadedSoFar() throws Exception {
        http.close();
        http = new IngestHttpClient(TestHttp.settings(1));
        server.enqueue(cutAfter(20_000, null));
        server.enqueue(new MockResponse.Builder().code(410).build());
        AudioDownloader downloader = downloader();
        assertThatThrownBy(() -> downloader.download(EPISODE_ID, url)).isInstanceOf(FetchException.class);
        assertThat(downloader.partialFile(EPISODE_ID)).exists();

        assertThatThrownBy(() -> downloader.download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 410 Gone for " + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void anHtmlPageIsNotAudio() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html><html><body><h1>Please log in</h1></body></html>")
                .build());

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("served text/html (an HTML page), not audio: " + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(partialFiles()).isEmpty();
        assertThat(downloader().completeFile(EPISODE_ID)).isEmpty();
    }

    @Test
    void anHtmlPageServedAsAudioIsStillNotAudio() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/mpeg")
                .body("\n<html><head><title>502 Bad Gateway</title></head></html>")
                .build());

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served audio/mpeg but the content is an HTML page, not audio: " + url));
    }

    @Test
    void jsonIsNotAudio() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":\"expired link\"}")
                .build());

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served application/json (JSON), not audio: " + url));
    }

    @Test
    void unknownBytesUnderATextTypeAreNotAudio() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/plain")
                .body(new Buffer().write(new byte[] {0, 1, 2, 3, (byte) 0xC0, 5, 6, 7}))
                .build());

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo("served text/plain and the content is no known audio format, not audio: " + url));
    }

    @Test
    void aFileAnnouncedOverTheMaximumIsRefusedWithoutReadingIt() {
        server.enqueue(audio(AUDIO, "audio/mpeg"));

        assertThatThrownBy(() -> downloader(50_000).download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("the file is 100000 bytes, more than the maximum of 50000 "
                            + "bytes; download aborted: " + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void aFileGrowingOverTheMaximumIsAbortedAndDeleted() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/mpeg")
                .chunkedBody(new Buffer().write(AUDIO), 8192)   // no Content-Length
                .build());

        assertThatThrownBy(() -> downloader(50_000).download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("the download passed the maximum of 50000 bytes; download "
                            + "aborted: " + url);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(partialFiles()).isEmpty();
        assertThat(downloader().completeFile(EPISODE_ID)).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }

        assertThatThrownBy(() -> downloader().download(EPISODE_ID, url))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo("HTTP 503 Service Unavailable for " + url
                            + " (gave up after 3 attempts)");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(partialFiles()).as("no empty partial file left behind").isEmpty();
    }

    @Test
    void aServerErrorThenSuccessDownloadsTheFile() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(audio(AUDIO, "audio/mpeg"));

        DownloadedAudio downloaded = downloader().download(EPISODE_ID, url);

        assertThat(Files.readAllBytes(downloaded.file())).isEqualTo(AUDIO);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void theSameEpisodeIsNotDownloadedTwiceAtOnce() throws Exception {
        AudioDownloader downloader = downloader();
        Path partial = downloader.partialFile(EPISODE_ID);
        Files.createDirectories(partial.getParent());
        try (FileChannel other = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {

            assertThatThrownBy(() -> downloader.download(EPISODE_ID, url))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo("episode " + EPISODE_ID + " is already being downloaded: "
                                + url);
                        assertThat(e.retryable()).isTrue();
                    });
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusesIdsThatAreNoEpisodeIds() {
        assertThatThrownBy(() -> downloader().download("../../etc/passwd", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an episode id: '../../etc/passwd'");
    }

    private AudioDownloader downloader() {
        return new AudioDownloader(http, audioDir);
    }

    private AudioDownloader downloader(long maxBytes) {
        return new AudioDownloader(http, audioDir, maxBytes);
    }

    private static MockResponse audio(byte[] bytes, String contentType) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", contentType)
                .body(new Buffer().write(bytes))
                .build();
    }

    private static MockResponse redirect(String location, int code) {
        return new MockResponse.Builder().code(code).setHeader("Location", location).build();
    }

    /** Announces the whole file but sends only its first {@code cut} bytes, then drops the connection. */
    private static MockResponse cutAfter(int cut, String etag) {
        MockResponse.Builder builder = new MockResponse.Builder()
                .setHeader("Content-Type", "audio/mpeg")
                .setHeader("Accept-Ranges", "bytes")
                .body(new Buffer().write(Arrays.copyOf(AUDIO, cut)))
                .setHeader("Content-Length", AUDIO.length)
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
        if (etag != null) {
            builder.setHeader("ETag", etag);
        }
        return builder.build();
    }

    /** A correct 206 for {@code bytes=from-}. */
    private static MockResponse partialContent(int from, String etag) {
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(206)
                .setHeader("Content-Type", "audio/mpeg")
                .setHeader("Content-Range", "bytes " + from + "-" + (AUDIO.length - 1) + "/" + AUDIO.length)
                .body(new Buffer().write(Arrays.copyOfRange(AUDIO, from, AUDIO.length)));
        if (etag != null) {
            builder.setHeader("ETag", etag);
        }
        return builder.build();
    }

    private java.util.List<Path> partialFiles() {
        Path partialDir = audioDir.resolve(AudioDownloader.PARTIAL_DIR);
        if (!Files.isDirectory(partialDir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(partialDir)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
