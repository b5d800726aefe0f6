package dev.podgrep.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.PodgrepApplication;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.vosk.VoskModel;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 6's pipeline benchmark (prints figures; not a test). Ingests N tone-word episodes (≥ 30 minutes of audio
 * in total) end to end through the running application (feed over HTTP → download → FFmpeg → Vosk → index) and
 * compares the run's wall time with the sum of pure decode + recognition of the same files measured in the same
 * JVM; then the same with 2 parallel transcriptions; then a re-ingest of the unchanged feeds (wall time and HTTP
 * requests). Both sides are warmed up: the baseline transcribes one file first, and the application first ingests
 * a one-episode warm-up feed; the measured feed is then added with {@code POST /api/feeds}.
 *
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl search-api test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.bench.PipelineBenchmark [-Dexec.args="6 300"]
 * </pre>
 * Arguments: number of episodes (default 6), seconds per episode (default 300).
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = Files.createTempDirectory("podgrep-pipeline-bench");
        System.out.printf(Locale.ROOT, "Generating %d tone-word MP3 episodes of %d s (%.0f min in total) in %s%n",
                episodes, seconds, episodes * seconds / 60.0, work);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            files.add(ToneWordAudio.cycling(seconds).encode(work.resolve("episode-" + i + ".mp3"),
                    AudioEncoding.mp3(44100, 2, 128)));
        }
        Path model = ToneWordModel.writeTo(work.resolve("model"));

        // baseline: pure decode + recognition of the same files, one after another, same JVM
        long baselineNanos = 0;
        try (VoskModel vosk = VoskModel.load(model, "en")) {
            VoskTranscriber transcriber = new VoskTranscriber(vosk);
            transcriber.transcribe(files.getFirst()); // warm-up
            for (Path file : files) {
                long t = System.nanoTime();
                TimedTranscript transcript = transcriber.transcribe(file);
                baselineNanos += System.nanoTime() - t;
                if (transcript.wordCount() == 0) {
                    throw new IllegalStateException("no words recognised in " + file);
                }
            }
        }
        double baseline = baselineNanos / 1e9;
        System.out.printf(Locale.ROOT, "baseline: decode + recognition, sequential, sum over files: %.2f s%n", baseline);

        String es = TestElasticsearch.url();
        try (MockWebServer server = podcastHost(files)) {
            server.start();
            Result one = ingest(server, work.resolve("data-p1"), model, es, 1);
            Result two = ingest(server, work.resolve("data-p2"), model, es, 2);
            System.out.println();
            System.out.println("| measurement | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| audio ingested | %d episodes, %.0f min |%n", episodes, episodes * seconds / 60.0);
            System.out.printf(Locale.ROOT, "| baseline: pure decode + recognition (sum) | %.2f s |%n", baseline);
            System.out.printf(Locale.ROOT, "| pipeline, parallelism 1: first run wall time | %.2f s |%n", one.firstRun);
            System.out.printf(Locale.ROOT, "| **overhead ratio** (pipeline p1 / baseline; goal <= 1.10) | **%.2f** |%n",
                    one.firstRun / baseline);
            System.out.printf(Locale.ROOT, "| pipeline, parallelism 2: first run wall time | %.2f s (%.2fx faster than p1) |%n",
                    two.firstRun, one.firstRun / two.firstRun);
            System.out.printf(Locale.ROOT, "| re-ingest of the 2 unchanged feeds: wall time | %.3f s |%n", one.rerun);
            System.out.printf(Locale.ROOT, "| re-ingest: HTTP requests to the podcast host | %d (feed GETs %d, conditional) |%n",
                    one.rerunRequests, one.rerunFeedRequests);
        }
        System.exit(0); // the shared test node's shutdown hook stops Elasticsearch
    }

    private record Result(double firstRun, double rerun, int rerunRequests, int rerunFeedRequests) {
    }

    private static final AtomicInteger requests = new AtomicInteger();
    private static final AtomicInteger feedRequests = new AtomicInteger();

    private static Result ingest(MockWebServer server, Path dataDir, Path model, String es, int parallelism)
            throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PodgrepApplication.class).run(
                "--server.port=0", "--logging.level.root=WARN",
                "--podgrep.data-dir=" + dataDir,
                "--podgrep.elasticsearch.url=" + es,
                "--podgrep.elasticsearch.index-prefix=" + TestElasticsearch.uniquePrefix("bench-p" + parallelism),
                "--podgrep.feeds[0].url=" + server.url("/warmup.xml"),
                "--podgrep.feeds[0].name=warmup",
                "--podgrep.feeds[0].language=en",
                "--podgrep.vosk.models.en.path=" + model,
                "--podgrep.vosk.parallelism=" + parallelism,
                "--podgrep.ingest.on-startup=false",
                "--podgrep.ingest.cron=-",
                "--podgrep.admin-token=bench");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            double warmup = run(port);
            HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/feeds")).header("Authorization", "Bearer bench")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + server.url("/feed.xml")
                            + "\",\"name\":\"bench\",\"language\":\"en\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (added.statusCode() != 201) {
                throw new IllegalStateException("POST /api/feeds answered " + added.statusCode() + ": " + added.body());
            }
            System.out.printf(Locale.ROOT, "parallelism %d: warm-up run (1 episode) %.2f s%n", parallelism, warmup);
            double first = run(port);
            JsonNode status = get(port, "/api/ingest/status").path("lastRun");
            System.out.printf(Locale.ROOT, "parallelism %d: first run %.2f s, indexed %d, failed %d%n", parallelism,
                    first, status.path("episodesIndexed").asInt(), status.path("episodesFailed").asInt());
            requests.set(0);
            feedRequests.set(0);
            double rerun = run(port);
            return new Result(first, rerun, requests.get(), feedRequests.get());
        } finally {
            app.close();
        }
    }

    /** POST /api/ingest and wait for the run to finish; the run's own wall time from the status. */
    private static double run(int port) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/ingest")).header("Authorization", "Bearer bench")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/ingest answered " + started.statusCode() + ": " + started.body());
        }
        while (true) {
            JsonNode status = get(port, "/api/ingest/status");
            JsonNode last = status.path("lastRun");
            if (!status.path("running").asBoolean() && last.hasNonNull("finishedAt")) {
                return Duration.between(java.time.Instant.parse(last.path("startedAt").asText()),
                        java.time.Instant.parse(last.path("finishedAt").asText())).toNanos() / 1e9;
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static MockWebServer podcastHost(List<Path> files) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                String path = request.getUrl().encodedPath();
                try {
                    if (path.equals("/warmup.xml")) {
                        feedRequests.incrementAndGet();
                        if ("\"warmup-1\"".equals(request.getHeaders().get("If-None-Match"))) {
                            return new MockResponse.Builder().code(304).build();
                        }
                        return new MockResponse.Builder().code(200).addHeader("ETag", "\"warmup-1\"")
                                .addHeader("Content-Type", "application/rss+xml")
                                .body(feed(server, 1).replace("bench-", "warmup-")).build();
                    }
                    if (path.equals("/feed.xml")) {
                        feedRequests.incrementAndGet();
                        if ("\"bench-1\"".equals(request.getHeaders().get("If-None-Match"))) {
                            return new MockResponse.Builder().code(304).build();
                        }
                        return new MockResponse.Builder().code(200).addHeader("ETag", "\"bench-1\"")
                                .addHeader("Content-Type", "application/rss+xml").body(feed(server, files.size())).build();
                    }
                    if (path.startsWith("/audio/episode-")) {
                        int i = Integer.parseInt(path.substring("/audio/episode-".length(), path.length() - 4));
                        return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/mpeg")
                                .body(new okio.Buffer().write(Files.readAllBytes(files.get(i)))).build();
                    }
                } catch (java.io.IOException e) {
                    return new MockResponse.Builder().code(500).body(e.toString()).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        return server;
    }

    private static String feed(MockWebServer server, int episodes) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < episodes; i++) {
            items.append("""
                    <item><title>Bench episode %d</title><guid>bench-%d</guid>
                      <pubDate>Mon, 05 Jan 2026 06:00:00 +0000</pubDate>
                      <enclosure url="%s" type="audio/mpeg" length="1"/></item>
                    """.formatted(i, i, server.url("/audio/episode-" + i + ".mp3")));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Bench</title><link>https://example.org</link>
                <description>bench</description>
                %s</channel></rss>
                """.formatted(items);
    }
}
