package dev.podgrep.app.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion and feeds endpoints of the running application over real HTTP, with the real local Elasticsearch, a
 * loopback podcast host, FFmpeg and Vosk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestionApiTest {

    private static final String TOKEN = "test-admin-token";
    private static final Path TEMP;
    private static final PodcastServer HOST = new PodcastServer();
    private static final CountDownLatch FEED_MAY_ANSWER = new CountDownLatch(1);

    static {
        try {
            TEMP = Files.createTempDirectory("podgrep-ingestion-api");
            ToneWordModel.writeTo(TEMP.resolve("model"));
            byte[] mp3 = Files.readAllBytes(ToneWordAudio.parse("silence 0.5, alpha 0.5, silence 1.0")
                    .encode(TEMP.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
            String xml = TestFeeds.rss("Configured", List.of(
                    Item.audio("c1", "Configured one", "2026-01-01T10:00:00Z", HOST.url("/audio/c1.mp3"))));
            HOST.route("/feeds/configured.xml", request -> {
                try {
                    FEED_MAY_ANSWER.await(20, TimeUnit.SECONDS);   // keeps the first run busy while the test looks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new MockResponse.Builder().setHeader("Content-Type", "application/rss+xml").body(xml).build();
            });
            HOST.route("/audio/c1.mp3", PodcastServer.audio(mp3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TestElasticsearch.uniquePrefix("ingest-api"));
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.ingest.fetch-backoff", () -> "5ms");
        registry.add("podgrep.admin-token", () -> TOKEN);
        registry.add("podgrep.data-dir", () -> TEMP.resolve("data").toString());
        registry.add("podgrep.vosk.models.en.path", () -> TEMP.resolve("model").toString());
        registry.add("podgrep.vosk.parallelism", () -> "1");
        registry.add("podgrep.feeds[0].url", () -> HOST.url("/feeds/configured.xml"));
        registry.add("podgrep.feeds[0].name", () -> "configured");
        registry.add("podgrep.feeds[0].language", () -> "en");
    }

    @AfterAll
    static void stopHost() throws IOException {
        FEED_MAY_ANSWER.countDown();
        HOST.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EpisodeStore episodes;
    @Autowired
    FeedRegistry feeds;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void aRunStartsInTheBackgroundRefusesASecondOneAndReportsWhatItDid() throws Exception {
        HttpResponse<String> started = post("/api/ingest", null);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValue("/api/ingest/status");

        HttpResponse<String> again = post("/api/ingest", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(again.body()).path("detail").asText()).contains("already in progress");

        JsonNode running = get("/api/ingest/status");
        assertThat(running.path("running").asBoolean()).isTrue();
        assertThat(running.path("currentRun").path("trigger").asText()).isEqualTo("api");
        assertThat(running.path("currentRun").path("startedAt").asText()).isNotBlank();

        FEED_MAY_ANSWER.countDown();
        JsonNode finished = awaitFinished();
        JsonNode lastRun = finished.path("lastRun");
        assertThat(lastRun.path("startedAt").asText()).isNotBlank();
        assertThat(lastRun.path("finishedAt").asText()).isNotBlank();
        assertThat(lastRun.path("episodesIndexed").asInt()).isEqualTo(1);
        assertThat(lastRun.path("episodesFailed").asInt()).isZero();
        assertThat(lastRun.path("episodesSeen").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(finished.path("episodes")).isEmpty();
        assertThat(episodes.find(EpisodeId.of("configured", "c1")).orElseThrow().status())
                .isEqualTo(EpisodeStatus.INDEXED);
    }

    private JsonNode awaitFinished() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("/api/ingest/status");
            if (!status.path("running").asBoolean()) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ingestion run did not finish within 60 s");
    }

    @Test
    void aFeedAddedAtRuntimeIsStoredAndListedAndItsNameIsUnique() throws Exception {
        String body = "{\"url\":\"https://example.org/podcast.rss\",\"name\":\"added-show\",\"language\":\"ru\"}";
        HttpResponse<String> created = post("/api/feeds", body);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/feeds/added-show");
        JsonNode feed = json.readTree(created.body());
        assertThat(feed.path("name").asText()).isEqualTo("added-show");
        assertThat(feed.path("url").asText()).isEqualTo("https://example.org/podcast.rss");
        assertThat(feed.path("language").asText()).isEqualTo("ru");
        assertThat(feed.path("origin").asText()).isEqualTo("api");
        assertThat(feeds.feeds()).extracting(f -> f.name()).containsExactly("configured", "added-show");
        assertThat(get("/api/feeds").findValuesAsText("name")).contains("configured", "added-show");

        HttpResponse<String> duplicate = post("/api/feeds", body);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json.readTree(duplicate.body()).path("detail").asText()).contains("'added-show' exists already");
        HttpResponse<String> configuredName = post("/api/feeds",
                "{\"url\":\"https://example.org/x.rss\",\"name\":\"configured\",\"language\":\"en\"}");
        assertThat(configuredName.statusCode()).isEqualTo(409);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"url\":\"ftp://example.org/feed.xml\",\"name\":\"a\",\"language\":\"en\"}   | http or https",
            "{\"url\":\"https://user:secret@example.org/f.xml\",\"name\":\"a\",\"language\":\"en\"} | user name or password",
            "{\"url\":\"https://example.org/f.xml\",\"name\":\"Not A Slug\",\"language\":\"en\"} | must be a slug",
            "{\"url\":\"https://example.org/f.xml\",\"name\":\"ok-name\",\"language\":\"de\"}     | 'en' or 'ru'",
            "{\"name\":\"ok-name\",\"language\":\"en\"}                                       | url is required",
            "{\"url\":\"https://example.org/f.xml\",\"language\":\"en\"}                          | name is required",
    })
    void anUnacceptableFeedIsABadRequestSayingWhy(String body, String expected) throws Exception {
        HttpResponse<String> response = post("/api/feeds", body.strip());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).path("detail").asText()).contains(expected.strip());
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/api/feeds", "url=https://example.org");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
