package dev.podgrep.app.pages;

import dev.podgrep.app.ingestion.PodcastServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.PodgrepApplication;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The one corpus the pages' browser tests share (started on first use, stopped when the test JVM exits): the real
 * application on the real local Elasticsearch node, with episodes ingested at startup by the real pipeline from a
 * {@link PodcastServer} on loopback (real FFmpeg, real libvosk with the tone-word model):
 * <ul>
 *   <li>{@code pages-radio} (en): {@link #TONES} (ASR of tone words at known times, 2026-01-05), a broken episode
 *       that fails (2026-02-01), and {@link #NAVALNY_EN} with the publisher's SRT (2026-03-10: "Navalny" at 20.0 s
 *       and, second word of its cue, at about 45.6 s);</li>
 *   <li>{@code radio-ru} (ru): {@link #NAVALNY_RU} with the publisher's SRT (2026-04-02: «Навальный» at 12.0 s).</li>
 * </ul>
 * Audio is served with range support, so the pages' player can seek in it.
 */
final class PagesCorpus {

    static final String FEED_EN = "pages-radio";
    static final String FEED_RU = "radio-ru";
    static final String ADMIN_TOKEN = "pages-admin-token";

    /** Tone words: alpha 10.0, charlie 12.0, delta 14.0, alpha 18.0, bravo 22.0 (seconds). */
    static final ToneWordAudio TONE_SCRIPT = ToneWordAudio.parse("silence 10.0, alpha 0.5, silence 1.5, charlie 0.6, "
            + "silence 1.4, delta 0.5, silence 3.5, alpha 0.6, silence 3.4, bravo 0.5, silence 5.0");
    static final String TONES = EpisodeId.of(FEED_EN, "tone-words");
    static final String BROKEN = EpisodeId.of(FEED_EN, "broken-audio");
    static final String NAVALNY_EN = EpisodeId.of(FEED_EN, "navalny-en");
    static final String NAVALNY_RU = EpisodeId.of(FEED_RU, "navalny-ru");

    static final String SRT_EN = """
            1
            00:00:05,000 --> 00:00:08,000
            Today we talk about the sanctions.

            2
            00:00:20,000 --> 00:00:23,000
            Navalny returned to Moscow.

            3
            00:00:30,000 --> 00:00:34,000
            The central bank raised the key rate.

            4
            00:00:45,000 --> 00:00:48,000
            Alexei Navalny was arrested.
            """;
    static final String SRT_RU = """
            1
            00:00:05,000 --> 00:00:08,000
            Сегодня в выпуске новости.

            2
            00:00:12,000 --> 00:00:15,000
            Навальный вернулся в Москву.
            """;

    private static PagesCorpus corpus;

    final PodcastServer host;
    final Path dataDir;
    final String tonesSha256;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConfigurableApplicationContext app;
    final int port;

    /** The shared corpus, ingested on first call (about half a minute). */
    static synchronized PagesCorpus get() {
        if (corpus == null) {
            try {
                corpus = new PagesCorpus();
            } catch (Exception e) {
                throw new IllegalStateException("the pages' test corpus could not be started: " + e, e);
            }
            PagesCorpus started = corpus;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "pages-corpus-stop"));
        }
        return corpus;
    }

    private PagesCorpus() throws Exception {
        dataDir = Files.createTempDirectory("podgrep-pages");
        Path fixtures = Files.createDirectories(dataDir.resolve("fixtures"));
        byte[] tones = Files.readAllBytes(TONE_SCRIPT.encode(fixtures.resolve("tones.mp3"),
                AudioEncoding.mp3(44_100, 2, 128)));
        tonesSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tones));
        byte[] minute = Files.readAllBytes(ToneWordAudio.cycling(60).encode(fixtures.resolve("minute.mp3"),
                AudioEncoding.mp3(44_100, 1, 64)));
        byte[] model = ToneWordModel.zip();

        host = new PodcastServer();
        host.route("/en.xml", PodcastServer.text("application/rss+xml", feedEn()));
        host.route("/ru.xml", PodcastServer.text("application/rss+xml", feedRu()));
        host.route("/audio/tones.mp3", PodcastServer.audio(tones));
        host.route("/audio/navalny-en.mp3", PodcastServer.audio(minute));
        host.route("/audio/navalny-ru.mp3", PodcastServer.audio(minute));
        host.route("/audio/broken.mp3", PodcastServer.audio(brokenMp3()));
        host.route("/transcripts/navalny-en.srt", PodcastServer.text("application/x-subrip", SRT_EN));
        host.route("/transcripts/navalny-ru.srt", PodcastServer.text("application/x-subrip", SRT_RU));
        host.route("/models/tone-words.zip", request -> new MockResponse.Builder()
                .setHeader("Content-Type", "application/zip").body(new okio.Buffer().write(model)).build());
        String modelSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));

        app = new SpringApplicationBuilder(PodgrepApplication.class).run(
                "--server.port=0",
                "--podgrep.data-dir=" + dataDir.resolve("data"),
                "--podgrep.elasticsearch.url=" + TestElasticsearch.url(),
                "--podgrep.elasticsearch.index-prefix=" + TestElasticsearch.uniquePrefix("pages"),
                "--podgrep.feeds[0].url=" + host.url("/en.xml"),
                "--podgrep.feeds[0].name=" + FEED_EN,
                "--podgrep.feeds[0].language=en",
                "--podgrep.feeds[1].url=" + host.url("/ru.xml"),
                "--podgrep.feeds[1].name=" + FEED_RU,
                "--podgrep.feeds[1].language=ru",
                "--podgrep.vosk.models.en.url=" + host.url("/models/tone-words.zip"),
                "--podgrep.vosk.models.en.sha256=" + modelSha,
                "--podgrep.vosk.models.ru.url=" + host.url("/models/missing-ru.zip"),
                "--podgrep.ingest.on-startup=true",
                "--podgrep.ingest.cron=-",
                "--podgrep.ingest.allow-private-networks=true",
                "--podgrep.admin-token=" + ADMIN_TOKEN,
                "--logging.level.dev.podgrep=WARN");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        awaitIngestion(Duration.ofMinutes(3));
        for (String id : List.of(TONES, NAVALNY_EN, NAVALNY_RU)) {
            String status = json("/api/episodes/" + id).path("status").asText();
            if (!"INDEXED".equals(status)) {
                throw new IllegalStateException("episode " + id + " is " + status + " after ingestion: "
                        + json("/api/episodes/" + id));
            }
        }
    }

    /** The app's base URL, {@code http://127.0.0.1:port}. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    String url(String path) {
        return base() + path;
    }

    /** Waits until no run is going and one has finished. */
    void awaitIngestion(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = json("/api/ingest/status");
            if (!status.path("running").asBoolean() && status.path("lastRun").hasNonNull("finishedAt")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ingestion did not finish within " + within + ": " + json("/api/ingest/status"));
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", contentType)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void close() {
        try {
            app.close();
        } catch (RuntimeException e) {
            // the JVM is going away
        }
        try {
            host.close();
        } catch (Exception e) {
            // the JVM is going away
        }
    }

    private String feedEn() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                     xmlns:podcast="https://podcastindex.org/namespace/1.0">
                <channel>
                  <title>Pages Radio</title>
                  <link>%1$s</link>
                  <description>Episodes for the pages' tests</description>
                  <item>
                    <title>Tone words</title><guid isPermaLink="false">tone-words</guid>
                    <pubDate>Mon, 05 Jan 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/tones.mp3" type="audio/mpeg" length="100"/>
                    <itunes:duration>27</itunes:duration>
                  </item>
                  <item>
                    <title>Broken audio</title><guid isPermaLink="false">broken-audio</guid>
                    <pubDate>Sun, 01 Feb 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/broken.mp3" type="audio/mpeg" length="100"/>
                  </item>
                  <item>
                    <title>Navalny and the central bank</title><guid isPermaLink="false">navalny-en</guid>
                    <pubDate>Tue, 10 Mar 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/navalny-en.mp3" type="audio/mpeg" length="100"/>
                    <podcast:transcript url="%1$stranscripts/navalny-en.srt" type="application/x-subrip" language="en"/>
                  </item>
                </channel>
                </rss>
                """.formatted(host.url("/"));
    }

    private String feedRu() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
                <channel>
                  <title>Радио по-русски</title>
                  <link>%1$s</link>
                  <description>Выпуск для проверки страниц</description>
                  <item>
                    <title>Навальный вернулся</title><guid isPermaLink="false">navalny-ru</guid>
                    <pubDate>Thu, 02 Apr 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/navalny-ru.mp3" type="audio/mpeg" length="100"/>
                    <podcast:transcript url="%1$stranscripts/navalny-ru.srt" type="application/x-subrip" language="ru"/>
                  </item>
                </channel>
                </rss>
                """.formatted(host.url("/"));
    }

    /** An ID3 header (so it passes the download's audio sniffing) followed by bytes no decoder accepts. */
    private static byte[] brokenMp3() {
        byte[] bytes = new byte[4096];
        byte[] id3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
        System.arraycopy(id3, 0, bytes, 0, id3.length);
        for (int i = id3.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 % 7);
        }
        return bytes;
    }
}
