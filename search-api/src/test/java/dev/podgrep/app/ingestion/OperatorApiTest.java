package dev.podgrep.app.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What an operator does with the running application over real HTTP (real local Elasticsearch, a loopback podcast
 * host, FFmpeg and Vosk): the status with its backlog and audio cache, the metrics as Prometheus scrapes them,
 * retrying a failed episode, queueing re-transcriptions, stopping and purging a feed, and a failing feed in health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorApiTest {

    private static final String TOKEN = "operator-token";
    private static final String PREFIX = TestElasticsearch.uniquePrefix("operator");
    private static final Path TEMP;
    private static final PodcastServer HOST = new PodcastServer();
    private static final byte[] MP3;

    static {
        try {
            TEMP = Files.createTempDirectory("podgrep-operator");
            ToneWordModel.writeTo(TEMP.resolve("model"));
            MP3 = Files.readAllBytes(ToneWordAudio.parse("silence 0.5, alpha 0.5, silence 0.5, delta 0.5, silence 1")
                    .encode(TEMP.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
            HOST.route("/feeds/ops.xml", PodcastServer.feed(TestFeeds.rss("Ops", List.of(
                    Item.audio("o1", "One", "2026-01-03T10:00:00Z", HOST.url("/audio/o1.mp3")),
                    Item.audio("o2", "Two", "2026-01-02T10:00:00Z", HOST.url("/audio/o2.mp3")),
                    Item.audio("gone", "Gone", "2026-01-01T10:00:00Z", HOST.url("/audio/gone.mp3")))), "\"ops\""));
            HOST.route("/audio/o1.mp3", PodcastServer.audio(MP3));
            HOST.route("/audio/o2.mp3", PodcastServer.audio(MP3));
            HOST.route("/audio/gone.mp3", PodcastServer.status(404));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> PREFIX);
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.admin-token", () -> TOKEN);
        registry.add("podgrep.data-dir", () -> TEMP.resolve("data").toString());
        registry.add("podgrep.vosk.models.en.path", () -> TEMP.resolve("model").toString());
        registry.add("podgrep.feeds[0].url", () -> HOST.url("/feeds/ops.xml"));
        registry.add("podgrep.feeds[0].name", () -> "ops");
        registry.add("podgrep.feeds[0].language", () -> "en");
        registry.add("podgrep.feeds[1].url", () -> HOST.url("/feeds/broken.xml"));
        registry.add("podgrep.feeds[1].name", () -> "broken");
        registry.add("podgrep.feeds[1].language", () -> "en");
    }

    @AfterAll
    static void stopHost() throws IOException {
        HOST.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode runAndWait() throws Exception {
        assertThat(send("POST", "/api/ingest", true).statusCode()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("/api/ingest/status");
            if (!status.path("running").asBoolean()) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the run did not finish");
    }

    /** {@code name{labels} value} lines of the Prometheus text format, by {@code name{labels}}. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/prometheus", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^(podgrep_[a-z_]+(?:\\{[^}]*})?) ([-+0-9.eENa]+)$")
                .matcher(response.body());
        while (line.find()) {
            samples.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return samples;
    }

    private static String id(String guid) {
        return EpisodeId.of("ops", guid);
    }

    @Test
    @Order(1)
    void aRunsWorkShowsInTheStatusAndInTheMetrics() throws Exception {
        JsonNode before = get("/api/ingest/status");
        assertThat(before.path("backlog").path("episodes").asLong()).isZero();

        JsonNode status = runAndWait();

        assertThat(status.path("lastRun").path("episodesIndexed").asInt()).isEqualTo(2);
        assertThat(status.path("backlog").path("episodes").asLong()).as("nothing left to do").isZero();
        assertThat(status.path("backlog").path("realtimeFactor").asDouble()).isGreaterThan(0);
        JsonNode cache = status.path("audioCache");
        assertThat(cache.path("files").asInt()).isEqualTo(2);
        assertThat(cache.path("bytes").asLong()).isEqualTo(2L * MP3.length);
        assertThat(cache.path("maxBytes").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);

        Map<String, Double> metrics = scrape();
        assertThat(metrics).containsEntry("podgrep_episodes{status=\"INDEXED\"}", 2.0)
                .containsEntry("podgrep_episodes{status=\"FAILED\"}", 1.0)
                .containsEntry("podgrep_episodes{status=\"NEW\"}", 0.0)
                .containsEntry("podgrep_backlog_audio_seconds", 0.0)
                .containsEntry("podgrep_feed_fetches_total{feed=\"ops\",outcome=\"fetched\"}", 1.0)
                .containsEntry("podgrep_feed_fetches_total{feed=\"broken\",outcome=\"failed\"}", 1.0)
                .containsEntry("podgrep_ingest_runs_total{trigger=\"api\"}", 1.0)
                .containsEntry("podgrep_download_bytes_total", 2.0 * MP3.length)
                .containsEntry("podgrep_transcription_seconds_count", 2.0);
        assertThat(metrics.get("podgrep_transcribed_audio_seconds_total")).isCloseTo(6.0, within(1.0));
        assertThat(metrics.get("podgrep_transcription_realtime_factor")).isGreaterThan(0);

        runAndWait();   // unchanged: one conditional GET
        assertThat(scrape()).containsEntry("podgrep_feed_fetches_total{feed=\"ops\",outcome=\"not_modified\"}", 1.0)
                .containsEntry("podgrep_ingest_runs_total{trigger=\"api\"}", 2.0);
    }

    @Test
    @Order(2)
    void aFailedEpisodeIsRetriedOnlyWhenFailed() throws Exception {
        assertThat(send("POST", "/api/episodes/" + id("gone") + "/retry", false).statusCode()).isEqualTo(401);
        HttpResponse<String> retried = send("POST", "/api/episodes/" + id("gone") + "/retry", true);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        JsonNode episode = json.readTree(retried.body());
        assertThat(episode.path("status").asText()).isEqualTo("NEW");
        assertThat(episode.path("attempts").asInt()).isZero();
        assertThat(episode.path("error").isNull()).isTrue();
        assertThat(get("/api/episodes?status=NEW").path("total").asLong()).as("listed at once").isEqualTo(1);

        HttpResponse<String> again = send("POST", "/api/episodes/" + id("gone") + "/retry", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("detail").asText()).contains("status is NEW");
        assertThat(send("POST", "/api/episodes/ops-0000000000000000/retry", true).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/episodes/" + id("o1") + "/retry", true).statusCode()).as("INDEXED")
                .isEqualTo(409);
    }

    @Test
    @Order(3)
    void reTranscriptionIsQueuedForAsrEpisodesOnly() throws Exception {
        HttpResponse<String> queued = send("POST", "/api/episodes/" + id("o1") + "/retranscribe", true);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(200);
        assertThat(json.readTree(queued.body()).path("status").asText()).as("still searchable").isEqualTo("INDEXED");
        assertThat(send("POST", "/api/episodes/" + id("o1") + "/retranscribe", true).statusCode())
                .as("queued already").isEqualTo(409);
        HttpResponse<String> bulk = send("POST", "/api/retranscribe?feed=ops", true);
        assertThat(bulk.statusCode()).isEqualTo(202);
        assertThat(json.readTree(bulk.body()).path("queued").asInt()).as("o2 (o1 is queued already)").isEqualTo(1);
        assertThat(json.readTree(send("POST", "/api/retranscribe?model=no-such-model", true).body())
                .path("queued").asInt()).isZero();
        JsonNode backlog = get("/api/ingest/status").path("backlog");
        assertThat(backlog.path("episodes").asLong()).isEqualTo(3);
        assertThat(backlog.path("episodesWithoutDuration").isNumber()).as(backlog.toString()).isTrue();
        assertThat(backlog.path("episodesWithoutDuration").asLong()).as("each gives its duration").isZero();

        JsonNode status = runAndWait();
        assertThat(status.path("lastRun").path("episodesIndexed").asInt()).as("o1, o2 again").isEqualTo(2);
        assertThat(HOST.requests("/audio/o1.mp3")).as("the cached audio is reused").isEqualTo(1);
        assertThat(get("/api/search?q=delta").path("total").asLong()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aFeedFailingForADayIsAWarningInHealthNotDown() throws Exception {
        // the broken feed (404) has been failing since it was added two days ago
        TestElasticsearch.client().delete(d -> d.index(new IndexNames(PREFIX).feeds()).id("broken")
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        FeedRegistry past = new FeedRegistry(TestElasticsearch.client(), new IndexNames(PREFIX),
                List.of(new Feed(HOST.url("/feeds/broken.xml"), "broken", "en")),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        past.recordFailure(new Feed(HOST.url("/feeds/broken.xml"), "broken", "en"), "HTTP 404 Not Found");
        FeedRegistry now = new FeedRegistry(TestElasticsearch.client(), new IndexNames(PREFIX),
                List.of(new Feed(HOST.url("/feeds/broken.xml"), "broken", "en")), Clock.systemUTC());
        now.recordFailure(new Feed(HOST.url("/feeds/broken.xml"), "broken", "en"), "HTTP 404 Not Found");

        HttpResponse<String> health = send("GET", "/actuator/health", false);
        assertThat(health.statusCode()).as("still serving").isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("WARNING");
        assertThat(body.path("components").path("feeds").path("status").asText()).isEqualTo("WARNING");
    }

    @Test
    @Order(5)
    void aStoppedFeedIsNoLongerFetchedAndAPurgedOneLeavesNothingBehind() throws Exception {
        assertThat(send("DELETE", "/api/feeds/ops", false).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/feeds/no-such-feed", true).statusCode()).isEqualTo(404);
        HttpResponse<String> stopped = send("DELETE", "/api/feeds/ops", true);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        JsonNode feed = findFeed("ops");
        assertThat(feed.path("stoppedAt").asText()).isNotBlank();
        int fetches = HOST.requests("/feeds/ops.xml");
        runAndWait();
        assertThat(HOST.requests("/feeds/ops.xml")).as("not fetched").isEqualTo(fetches);
        assertThat(get("/api/search?q=alpha").path("total").asLong()).as("still searchable").isEqualTo(2);

        HttpResponse<String> purged = send("DELETE", "/api/feeds/ops?purge=true", true);
        assertThat(purged.statusCode()).as(purged.body()).isEqualTo(200);
        assertThat(json.readTree(purged.body()).path("episodesDeleted").asInt()).isEqualTo(3);
        assertThat(get("/api/episodes?feed=ops").path("total").asLong()).isZero();
        assertThat(get("/api/search?q=alpha").path("total").asLong()).isZero();
        assertThat(send("GET", "/api/episodes/" + id("o1") + "/transcript", false).statusCode()).isEqualTo(404);
        try (Stream<Path> audio = Files.list(TEMP.resolve("data").resolve("audio"))) {
            assertThat(audio.filter(Files::isRegularFile)).as("cached audio deleted").isEmpty();
        }
        try (Stream<Path> transcripts = Files.list(TEMP.resolve("data").resolve("transcripts"))) {
            assertThat(transcripts.filter(p -> p.getFileName().toString().startsWith("ops-"))).isEmpty();
        }
        assertThat(findFeed("ops").path("stoppedAt").asText()).as("a configured feed stays stopped").isNotBlank();

        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/feeds")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"" + HOST.url("/feeds/ops.xml") + "\",\"name\":\"ops\",\"language\":\"en\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(201);
        assertThat(findFeed("ops").path("stoppedAt").isNull()).isTrue();
    }

    private JsonNode findFeed(String name) throws Exception {
        for (JsonNode feed : get("/api/feeds")) {
            if (feed.path("name").asText().equals(name)) {
                return feed;
            }
        }
        throw new AssertionError("no feed " + name + " in " + get("/api/feeds"));
    }
}
