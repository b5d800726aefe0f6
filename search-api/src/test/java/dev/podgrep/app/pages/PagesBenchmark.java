package dev.podgrep.app.pages;

import dev.podgrep.app.ingestion.PodcastServer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.SearchLatencyBenchmark;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The pages' budget, measured in headless Chromium with the Performance API (a program that prints figures, not a
 * test; see docs/benchmarks.md):
 * <ol>
 *   <li>bytes transferred by a first load of the search page (a fresh browser profile: nothing cached);</li>
 *   <li>keystroke to results painted while typing, on the search-latency benchmark's corpus (100,000 segments,
 *       {@link SearchLatencyBenchmark#load}): each query typed a character at a time, 250 ms apart, like a quick
 *       typist; the page measures from the input event to the frame after the new results are in the document;</li>
 *   <li>the moment page of a 2-hour episode of about 20,000 words: load to ready (words indexed, handlers on), and
 *       long tasks (over 50 ms) while it plays with the read-along running.</li>
 * </ol>
 * Run with exec:java (see docs/benchmarks.md for the command); needs Chromium and its driver like the browser
 * tests. {@code --moment-only} measures the moment page alone (no 100,000-segment corpus); {@code --serve} keeps the
 * app running for a look by hand.
 */
public final class PagesBenchmark {

    /** The first phase of the search-latency benchmark's corpus (its default run grows it to 1,000,000). */
    static final int CORPUS_SEGMENTS = 100_000;
    static final double LONG_EPISODE_SECONDS = 2 * 3600;
    static final int LONG_EPISODE_WORDS = 20_000;
    static final List<String> QUERIES = List.of("sanctions", "central bank", "навальный", "kremlin", "moscow",
            "inflation", "\"central bank\"", "navalny");

    private PagesBenchmark() {
    }

    public static void main(String[] args) {
        try {
            List<String> options = List.of(args);
            run(options.contains("--serve"), options.contains("--moment-only"));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** @param serve keep the app with the corpus running after the figures, for looking at it by hand */
    private static void run(boolean serve, boolean momentOnly) throws Exception {
        SearchLatencyBenchmark.useBuiltElasticsearchHome();
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("pages-bench"));
        new SegmentsIndex(client, names);
        long loadStart = System.nanoTime();
        int segments = momentOnly ? 0 : SearchLatencyBenchmark.load(client, names.segments(),
                CORPUS_SEGMENTS / SearchLatencyBenchmark.SEGMENTS_PER_EPISODE, e -> true);
        System.out.printf("Loaded %,d segments (the search-latency corpus) in %.1f s%n", segments,
                (System.nanoTime() - loadStart) / 1e9);

        Path audioFile = longAudio();
        PodcastServer host = new PodcastServer();
        host.route("/long.mp3", PodcastServer.audio(Files.readAllBytes(audioFile)));
        String longId = "bench-two-hours";
        int words = indexLongEpisode(client, names.segments(), longId, host.url("/long.mp3"));
        System.out.printf("Indexed a %.0f-minute episode of %,d words%n", LONG_EPISODE_SECONDS / 60, words);

        ConfigurableApplicationContext app = SearchLatencyBenchmark.startApplication(names);
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        System.out.printf("%d cores; the node, the app and Chromium share them%n%n",
                Runtime.getRuntime().availableProcessors());
        try {
            if (!momentOnly) {
                serverSide(base, longId);
            }
            if (serve) {
                System.out.println("Serving at " + base + "/ (Ctrl-C stops)");
                Thread.currentThread().join();
            }
            if (!momentOnly) {
                firstLoad(base, "/");
                firstLoad(base, "/?q=navalny");
                typing(base);
            }
            momentPage(base, longId);
        } finally {
            app.close();
            host.close();
            client.indices().delete(d -> d.index(names.segments() + "-v" + SegmentsIndex.MAPPING_VERSION));
        }
    }

    /**
     * The server's part alone, over HTTP without a browser: the results fragment against the JSON API for the same
     * search (its baseline: the same SearchService), and the moment page of the long episode against its JSON
     * transcript (the same StoredTranscripts). Median of 20 after 10 warm-up requests each, one at a time.
     */
    private static void serverSide(String base, String longId) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        System.out.printf("Server side, median of 20 requests (one at a time, after 10 warm-up):%n%n"
                + "| request | median | baseline | median | ratio |%n|---|---|---|---|---|%n");
        for (String q : List.of("sanctions", "kremlin", "k", "навальный")) {
            String e = java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
            double page = median(http, base + "/results?ui=en&q=" + e);
            double api = median(http, base + "/api/search?size=30&q=" + e);
            System.out.printf("| `/results?q=%s` | %.1f ms | `/api/search?size=30&q=%s` | %.1f ms | %.2f |%n", q, page, q,
                    api, page / api);
        }
        double moment = median(http, base + "/episodes/" + longId + "?t=3600");
        double transcript = median(http, base + "/api/episodes/" + longId + "/transcript?format=json");
        System.out.printf("| `/episodes/<2 h>?t=3600` | %.1f ms | `/api/episodes/<2 h>/transcript` | %.1f ms | %.2f |%n%n",
                moment, transcript, moment / transcript);
    }

    private static double median(java.net.http.HttpClient http, String url) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Accept-Encoding", "gzip").build();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            java.net.http.HttpResponse<byte[]> response = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i >= 10) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return percentile(times.stream().sorted().toList(), 50);
    }

    /** Bytes over the wire for a first visit (a fresh profile each time: no cache). */
    private static void firstLoad(String base, String path) {
        try (Browser browser = Browser.start("en-US,en")) {
            browser.open(base + path);
            if (path.contains("q=")) {
                browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#trend").getAttribute("data-buckets") != null
                        || !browser.find("#trend-status").getText().isEmpty());
            }
            SearchPageBrowserTest.sleep(500);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) browser.js("""
                    var all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
                    return all.map(function (e) { return {name: e.name.replace(location.origin, ''),
                        transfer: e.transferSize, body: e.decodedBodySize}; });""");
            long transfer = 0;
            long decoded = 0;
            System.out.printf("First load of %s (nothing cached):%n%n| resource | transferred | decoded |%n|---|---|---|%n",
                    path);
            for (Map<String, Object> e : entries) {
                long t = ((Number) e.get("transfer")).longValue();
                long b = ((Number) e.get("body")).longValue();
                transfer += t;
                decoded += b;
                System.out.printf("| `%s` | %,d B | %,d B |%n", e.get("name"), t, b);
            }
            System.out.printf("| **total** | **%,d B (%.1f KB)** | %,d B |%n%n", transfer, transfer / 1024.0, decoded);
        }
    }

    /** Keystroke to results painted, every keystroke of every query. */
    private static void typing(String base) {
        try (Browser browser = Browser.start("en-US,en")) {
            browser.open(base + "/");
            // one warm-up query (JIT of the app's search path, the browser's caches of the page's own files)
            type(browser, "warm up");
            clear(browser);
            List<Double> all = new ArrayList<>();
            System.out.printf("Keystroke to results painted, characters typed 250 ms apart:%n%n"
                    + "| query | keystrokes | painted | p50 | max |%n|---|---|---|---|---|%n");
            for (String query : QUERIES) {
                browser.js("performance.clearMeasures('podgrep:keystroke-to-results')");
                type(browser, query);
                @SuppressWarnings("unchecked")
                List<Number> measures = (List<Number>) browser.js("""
                        return performance.getEntriesByName('podgrep:keystroke-to-results')
                          .map(function (m) { return m.duration; });""");
                List<Double> durations = measures.stream().map(Number::doubleValue).sorted().toList();
                all.addAll(durations);
                System.out.printf("| `%s` | %d | %d | %.0f ms | %.0f ms |%n", query, query.length(), durations.size(),
                        percentile(durations, 50), durations.isEmpty() ? Double.NaN : durations.getLast());
                clear(browser);
            }
            List<Double> sorted = all.stream().sorted().toList();
            System.out.printf("| **all** | | %d | **%.0f ms** (p90 %.0f ms) | %.0f ms |%n%n", sorted.size(),
                    percentile(sorted, 50), percentile(sorted, 90), sorted.getLast());
        }
    }

    private static void type(Browser browser, String text) {
        WebElement q = browser.find("#q");
        for (char c : text.toCharArray()) {
            q.sendKeys(String.valueOf(c));
            SearchPageBrowserTest.sleep(250);
        }
        browser.waitFor(Duration.ofSeconds(30), d -> text.strip().equals(browser.js(
                "return document.body.getAttribute('data-rendered-query')")));
        SearchPageBrowserTest.sleep(400);
    }

    private static void clear(Browser browser) {
        new Actions(browser.driver).click(browser.find("#q")).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL)
                .sendKeys(Keys.DELETE).perform();
        browser.waitFor(d -> browser.all(".hit").isEmpty());
        SearchPageBrowserTest.sleep(300);
    }

    /** The moment page of the 2-hour episode: load, ready, long tasks while loading and while playing. */
    private static void momentPage(String base, String id) {
        try (Browser browser = Browser.start("en-US,en")) {
            for (int round = 1; round <= 3; round++) {
                browser.open(base + "/episodes/" + id + "?t=3600");
                browser.waitFor(Duration.ofSeconds(30), d -> Boolean.TRUE.equals(browser.js(
                        "return performance.getEntriesByName('podgrep:episode-ready').length > 0")));
                @SuppressWarnings("unchecked")
                Map<String, Object> load = (Map<String, Object>) browser.jsAsync("""
                        var done = arguments[arguments.length - 1];
                        var longTasks = [];
                        new PerformanceObserver(function (list) {
                          list.getEntries().forEach(function (e) { longTasks.push(e.duration); });
                        }).observe({type: 'longtask', buffered: true});
                        setTimeout(function () {
                          var nav = performance.getEntriesByType('navigation')[0];
                          done({responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
                                ready: performance.getEntriesByName('podgrep:episode-ready')[0].startTime,
                                loaded: nav.loadEventEnd, transfer: nav.transferSize, html: nav.decodedBodySize,
                                words: document.querySelectorAll('#transcript .word').length,
                                longTasks: longTasks});
                        }, 1000);""");
                System.out.printf("Moment page of a %.0f-minute episode, round %d: %,d words, HTML %,d B (%,d B"
                                + " transferred); response end %.0f ms, DOMContentLoaded %.0f ms, ready %.0f ms,"
                                + " load %.0f ms; long tasks while loading: %s ms%n", LONG_EPISODE_SECONDS / 60, round,
                        ((Number) load.get("words")).intValue(), ((Number) load.get("html")).longValue(),
                        ((Number) load.get("transfer")).longValue(), num(load, "responseEnd"),
                        num(load, "domContentLoaded"), num(load, "ready"), num(load, "loaded"),
                        rounded(load.get("longTasks")));
            }
            for (double rate : new double[]{1.0, 4.0}) {
                browser.js("""
                        window.podgrepLongTasks = [];
                        new PerformanceObserver(function (list) {
                          list.getEntries().forEach(function (e) { window.podgrepLongTasks.push(e.duration); });
                        }).observe({type: 'longtask'});
                        var p = document.getElementById('player');
                        p.playbackRate = arguments[0];
                        p.play();""", rate);
                browser.waitFor(Duration.ofSeconds(20), d -> Boolean.FALSE.equals(browser.js(
                        "return document.getElementById('player').paused")));
                double from = browser.number("return document.getElementById('player').currentTime");
                int changes = 0;
                String last = null;
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < until) {
                    String now = (String) browser.js("var w = document.querySelector('#transcript .word.now');"
                            + " return w ? w.getAttribute('data-start') : null;");
                    if (now != null && !now.equals(last)) {
                        changes++;
                        last = now;
                    }
                    SearchPageBrowserTest.sleep(50);
                }
                double to = browser.number("return document.getElementById('player').currentTime");
                @SuppressWarnings("unchecked")
                List<Number> longTasks = (List<Number>) browser.js("document.getElementById('player').pause();"
                        + " return window.podgrepLongTasks;");
                System.out.printf("Playing at %.0fx from %.0f s to %.0f s (20 s): highlighted word changed %d times"
                        + " (sampled every 50 ms); long tasks: %d %s%n", rate, from, to, changes, longTasks.size(),
                        rounded(longTasks));
            }
        }
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static String rounded(Object durations) {
        @SuppressWarnings("unchecked")
        List<Number> list = (List<Number>) durations;
        return list.stream().map(n -> String.valueOf(Math.round(n.doubleValue()))).toList().toString();
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** 2 hours of tone words, 8 kHz mono 16 kbit/s (14 MB), generated once into target/benchmark/. */
    private static Path longAudio() throws Exception {
        Path module = Files.isDirectory(Path.of("search-api", "src")) ? Path.of("search-api") : Path.of(".");
        Path file = module.resolve(Path.of("target", "benchmark", "two-hours-8k-16kbps.mp3"));
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            long start = System.nanoTime();
            Path partial = file.resolveSibling(file.getFileName() + ".partial.mp3");
            ToneWordAudio.cycling(LONG_EPISODE_SECONDS).encode(partial, AudioEncoding.mp3(8_000, 1, 16));
            Files.move(partial, file);
            System.out.printf("Generated %s in %.0f s%n", file, (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    /** About 20,000 words over two hours in segments of 6-14 words; "Navalny" now and then. */
    private static int indexLongEpisode(ElasticsearchClient client, String alias, String id, String audioUrl)
            throws Exception {
        String[] vocabulary = ("the of and to a in that is it was for on with as he said they at be this have from "
                + "people government war president moscow kremlin russia ukraine army economy sanctions opposition "
                + "protest court prison election journalists media police law money oil gas prices inflation ruble "
                + "bank central rate market company business region city village children family school history")
                .split(" ");
        Random random = new Random(7);
        double step = LONG_EPISODE_SECONDS / LONG_EPISODE_WORDS;
        List<Segment> segments = new ArrayList<>();
        int n = 0;
        double t = 0.5;
        while (n < LONG_EPISODE_WORDS) {
            List<Word> words = new ArrayList<>();
            int length = Math.min(6 + random.nextInt(9), LONG_EPISODE_WORDS - n);
            for (int i = 0; i < length; i++, n++) {
                String w = random.nextInt(300) == 0 ? "Navalny" : vocabulary[random.nextInt(vocabulary.length)];
                words.add(Word.measured(w, t, t + step * 0.8, 0.3 + random.nextDouble() * 0.7));
                t += step;
            }
            segments.add(new Segment(words));
        }
        Episode episode = new Episode(id, "the-naked-pravda", "en", "guid-" + id, "Two hours of talk",
                Instant.parse("2026-06-01T06:00:00Z"), "", null, new Enclosure(audioUrl, "audio/mpeg", 0),
                LONG_EPISODE_SECONDS, List.of());
        List<BulkOperation> batch = new ArrayList<>();
        for (SegmentDocument doc : TranscriptIndexer.documents(episode,
                new TimedTranscript(segments, TranscriptSource.ASR, "en", true))) {
            batch.add(BulkOperation.of(b -> b.index(i -> i.index(alias)
                    .id(TranscriptIndexer.documentId(doc.episodeId(), doc.segment())).document(doc))));
        }
        for (int from = 0; from < batch.size(); from += 1_000) {
            List<BulkOperation> part = batch.subList(from, Math.min(batch.size(), from + 1_000));
            BulkResponse response = client.bulk(b -> b.operations(part));
            if (response.errors()) {
                throw new IllegalStateException("bulk load of the long episode failed");
            }
        }
        client.indices().refresh(r -> r.index(alias));
        return n;
    }
}
