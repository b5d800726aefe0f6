package dev.podgrep.app.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.SearchLatencyBenchmark;
import dev.podgrep.app.search.MatchQueries;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentsIndex;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keyword-in-context export at its limit: {@code GET /api/search/export} through the running application on a
 * synthetic archive ({@link SearchLatencyBenchmark#load}, default 300,000 segments), for the candidate word with
 * the most occurrences that still fits the 100,000-row limit, in CSV and JSON lines. Prints rows per second, time to
 * the first row, the application's peak heap while it streams (sampled every 5 ms, against its heap just before),
 * and as the baseline the bare Elasticsearch scan of the same matching segments (point in time, {@code
 * search_after}, pages of 1,000, whole documents) sent with the Java client in the same JVM. Not a test; run by
 * hand (docs/benchmarks.md):
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl search-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.export.ExportBenchmark [-Dexec.args=segments]
 * </pre>
 */
public final class ExportBenchmark {

    private static final List<String> CANDIDATES = List.of("the", "of", "and", "said", "people", "government",
            "sanctions", "navalny");

    private ExportBenchmark() {
    }

    public static void main(String[] args) {
        try {
            benchmark(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void benchmark(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        SearchLatencyBenchmark.useBuiltElasticsearchHome();
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("exportbench"));
        SegmentsIndex segmentsIndex = new SegmentsIndex(client, names);
        ConfigurableApplicationContext app = SearchLatencyBenchmark.startApplication(names);
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            long t0 = System.nanoTime();
            int loaded = SearchLatencyBenchmark.load(client, names.segments(),
                    total / SearchLatencyBenchmark.SEGMENTS_PER_EPISODE, e -> true);
            System.out.printf("%,d segments loaded in %.0f s; %d cores; max heap of this JVM (app) %,d MB%n%n",
                    loaded, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);

            OccurrenceExport export = app.getBean(OccurrenceExport.class);
            String query = null;
            long rows = -1;
            String small = null;
            long smallRows = Long.MAX_VALUE;
            for (String candidate : CANDIDATES) {
                try {
                    long n = export.checkSize(new ExportRequest(QueryParser.parse(candidate), null, null, null, null));
                    System.out.printf("q=%s: %,d occurrences%n", candidate, n);
                    if (n > rows) {
                        query = candidate;
                        rows = n;
                    }
                    if (n > 0 && n < smallRows) {
                        small = candidate;
                        smallRows = n;
                    }
                } catch (dev.podgrep.app.web.BadRequestException tooMany) {
                    System.out.printf("q=%s: %s%n", candidate, tooMany.getMessage());
                }
            }
            System.out.printf("exported: q=%s (most rows) and q=%s (fewest)%n%n", query, small);

            HttpClient http = HttpClient.newHttpClient();
            System.out.println("| run | rows | segments | seconds | rows/s | first row after | peak heap over idle |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int round = 0; round < 2; round++) {
                long[] scan = scan(client, names.segments(), query);
                System.out.printf("| ES scan (baseline) | – | %,d | %.2f | %,.0f segments/s | – | – |%n", scan[0],
                        scan[1] / 1e9, scan[0] / (scan[1] / 1e9));
                for (String format : List.of("csv", "jsonl")) {
                    exportOnce(http, port, query, format);
                }
                exportOnce(http, port, small, "csv");
            }
        } finally {
            app.close();
            client.indices().delete(d -> d.index(names.segments() + "-v" + SegmentsIndex.MAPPING_VERSION));
        }
    }

    private static void exportOnce(HttpClient http, int port, String query, String format) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long idle = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(idle);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        long firstRow = -1;
        long lines = 0;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/search/export?format=" + format + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                if (lines++ == 1) {
                    firstRow = System.nanoTime() - start;
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        running.set(false);
        sampler.join();
        long rows = format.equals("csv") ? lines - 1 : lines; // the CSV header
        System.out.printf("| export %s q=%s | %,d | – | %.2f | %,.0f rows/s | %.0f ms | %,d MB |%n", format, query, rows,
                elapsed / 1e9, rows / (elapsed / 1e9), firstRow / 1e6, (peak.get() - idle) >> 20);
    }

    /** The baseline: every matching segment, whole, through a point in time; returns {segments, nanos}. */
    private static long[] scan(ElasticsearchClient client, String index, String query) throws Exception {
        long start = System.nanoTime();
        String pit = client.openPointInTime(o -> o.index(index).keepAlive(Time.of(t -> t.time("2m")))).id();
        long count = 0;
        List<FieldValue> after = null;
        var filter = MatchQueries.segments(QueryParser.parse(query), null, null, null, null);
        try {
            while (true) {
                List<FieldValue> from = after;
                List<Hit<Void>> hits = client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(Time.of(t -> t.time("2m"))))
                            .query(q -> q.bool(b -> b.filter(filter))).size(1000)
                            .sort(o -> o.field(f -> f.field(SegmentsIndex.PUBLISHED_AT).order(SortOrder.Desc)))
                            .sort(o -> o.field(f -> f.field(SegmentsIndex.EPISODE_ID).order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field(SegmentsIndex.START).order(SortOrder.Asc)));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, Void.class).hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                count += hits.size();
                after = hits.getLast().sort();
            }
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
        return new long[]{count, System.nanoTime() - start};
    }
}
