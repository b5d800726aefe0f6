package dev.podgrep.app.jar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application as an operator runs it: {@code java -jar search-api/target/podgrep.jar} with the
 * default (local) Elasticsearch. Starts, reports healthy, answers a search, stops on SIGTERM leaving no
 * Elasticsearch process behind, and a second start on the same data dir still has what was indexed.
 * Runs after packaging (failsafe, {@code mvn verify}).
 */
class PodgrepJarIT {

    private static final String ADMIN_TOKEN = "jar-it-admin-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void theJarStartsServesStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        Process app = start(port, dataDir.resolve("run1.log"));
        JsonNode health = awaitHealthy(port, app, dataDir.resolve("run1.log"));
        JsonNode es = health.path("components").path("elasticsearch").path("details");
        assertThat(es.path("local").asBoolean()).isTrue();
        URI node = URI.create(es.path("address").asText());
        long nodePid = elasticsearchPid(app);

        JsonNode empty = getJson(port, "/api/search?q=anything");
        assertThat(empty.path("total").asLong()).isZero();
        assertThat(empty.path("hits")).isEmpty();

        // a segment written straight into the node's segments index (as the indexer would)
        String segment = """
                {"episodeId":"kept-1","feed":"test","language":"en","episodeTitle":"Kept","publishedAt":"2026-01-02T00:00:00Z",
                 "audioUrl":"https://example.org/kept.mp3","episodeUrl":null,"transcriptSource":"asr","segment":0,
                 "start":1.0,"end":2.0,"text":"persistence works","keys":"persistence works",
                 "words":[{"word":"persistence","start":1.0,"end":1.4,"conf":1.0,"interpolated":false},
                          {"word":"works","start":1.5,"end":2.0,"conf":1.0,"interpolated":false}]}""";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(node.resolve("/podgrep-segments/_doc/kept-1-0?refresh=true"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(segment)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(getJson(port, "/api/search?q=persistence").path("total").asLong()).isEqualTo(1);

        // SIGTERM: the app stops, and so does its Elasticsearch
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("app exits after SIGTERM").isTrue();
        awaitGone(nodePid);

        Process second = start(port, dataDir.resolve("run2.log"));
        awaitHealthy(port, second, dataDir.resolve("run2.log"));
        JsonNode again = getJson(port, "/api/search?q=persistence");
        assertThat(again.path("total").asLong()).as("data survived the restart").isEqualTo(1);
        assertThat(again.path("hits").get(0).path("matchSeconds").asDouble()).isEqualTo(1.0);
        long secondNode = elasticsearchPid(second);
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitGone(secondNode);
    }

    @Test
    void theJarTranscribesWithItsDecoderInAChildProcessLaunchedFromTheJar() throws Exception {
        // the decoder's child JVM must find FFmpeg inside podgrep.jar's nested libraries (Boot's PropertiesLauncher)
        Path model = ToneWordModel.writeTo(dataDir.resolve("model"));
        byte[] mp3 = Files.readAllBytes(ToneWordAudio.parse("silence 0.8, charlie 0.6, silence 0.8")
                .encode(dataDir.resolve("charlie.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
        try (MockWebServer host = new MockWebServer()) {
            host.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getUrl().encodedPath()) {
                        case "/feed.xml" -> new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml")
                                .body(feedOf(host.url("/charlie.mp3").toString())).build();
                        case "/charlie.mp3" -> new MockResponse.Builder().addHeader("Content-Type", "audio/mpeg")
                                .body(new okio.Buffer().write(mp3)).build();
                        default -> new MockResponse.Builder().code(404).build();
                    };
                }
            });
            host.start();
            int port = freePort();
            Path log = dataDir.resolve("transcribe.log");
            Process app = start(port, log, true,
                    "--podgrep.feeds[0].url=" + host.url("/feed.xml"), "--podgrep.feeds[0].name=jar-feed",
                    "--podgrep.feeds[0].language=en", "--podgrep.vosk.models.en.path=" + model,
                    "--podgrep.ingest.allow-private-networks=true");
            awaitHealthy(port, app, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            JsonNode episode = null;
            while (System.nanoTime() < deadline) {
                JsonNode items = getJson(port, "/api/episodes?feed=jar-feed").path("items");
                episode = items.isEmpty() ? null : items.get(0);
                if (episode != null && !episode.path("status").asText().matches("NEW|DOWNLOADED|TRANSCRIBED")) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(episode).as("the episode was listed:%n%s", tail(log)).isNotNull();
            assertThat(episode.path("status").asText()).as("%s%n%s", episode, tail(log)).isEqualTo("INDEXED");
            assertThat(getJson(port, "/api/search?q=charlie").path("total").asLong()).isEqualTo(1);
            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String feedOf(String audioUrl) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Jar feed</title><link>https://example.org</link>
                <description>one episode</description>
                <item><title>Charlie</title><guid>charlie-1</guid><pubDate>Mon, 05 Jan 2026 06:00:00 +0000</pubDate>
                <enclosure url="%s" type="audio/mpeg" length="1000"/></item>
                </channel></rss>
                """.formatted(audioUrl);
    }

    private Process start(int port, Path log) throws IOException {
        return start(port, log, false);
    }

    private Process start(int port, Path log, boolean ingestOnStartup, String... more) throws IOException {
        Path jar = Path.of("target", "podgrep.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(),
                "--server.port=" + port, "--podgrep.data-dir=" + dataDir.resolve("data"),
                "--podgrep.ingest.on-startup=" + ingestOnStartup, "--podgrep.ingest.cron=-",
                "--podgrep.admin-token=" + ADMIN_TOKEN));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command)
                // started from elsewhere than the repository: the node's home is found next to the jar
                .directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private JsonNode awaitHealthy(int port, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app died while starting:%n%s", tail(log)).isTrue();
            try {
                // the admin token shows the details (the node's address); anonymous callers see statuses only
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode body = json.readTree(r.body());
                    assertThat(body.path("status").asText()).isEqualTo("UP");
                    return body;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy within 120 s:\n" + tail(log));
    }

    private JsonNode getJson(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static long elasticsearchPid(Process app) {
        return app.descendants().filter(h -> h.info().commandLine().orElse("")
                        .contains("org.elasticsearch.bootstrap.Elasticsearch"))
                .findFirst().orElseThrow(() -> new AssertionError("no Elasticsearch child process")).pid();
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("Elasticsearch pid %d is gone after the app stopped", pid).isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
