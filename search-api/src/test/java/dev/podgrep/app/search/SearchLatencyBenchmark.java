package dev.podgrep.app.search;

import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.TranscriptIndexer;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.podgrep.app.PodgrepApplication;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.trends.TrendBucket;
import dev.podgrep.app.trends.TrendInterval;
import dev.podgrep.app.trends.TrendsService;
import dev.podgrep.app.web.PageWindow;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole archive: latency of the app's queries on a synthetic index of up to {@value #DEFAULT_SEGMENTS} segments
 * in the local node (as a user runs it: default 512 MB heap, no force-merge), measured first at a tenth of the
 * corpus (the growth figure) and again at the whole. Per query kind, {@code GET /api/...} through the running
 * application versus the very same Elasticsearch request ({@link SearchService#elasticsearchRequest}; for trends,
 * {@link dev.podgrep.app.trends.TrendsService} called in this JVM) sent with the Java client, with
 * {@value #CLIENTS} concurrent clients and with one. Also prints the bulk indexing rate (documents built by the
 * real {@link TranscriptIndexer#documents}, match fields included), the index size on disk, the node's heap and
 * RSS. Not a test: run it by hand (see docs/benchmarks.md):
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl search-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.search.SearchLatencyBenchmark [-Dexec.args="segments requests-per-round"]
 * </pre>
 * Each kind is measured in two rounds per path, alternating the order (ES, app, app, ES), after a warm-up.
 */
public final class SearchLatencyBenchmark {

    static final int DEFAULT_SEGMENTS = 1_000_000;
    public static final int SEGMENTS_PER_EPISODE = 100;
    static final int CLIENTS = 16;
    /** The growth figure: the first phase loads every tenth episode (same date range, a tenth of the segments). */
    static final int PHASES = 10;

    private static final String[] ENGLISH = ("the of and to a in that is it was for on with as he said they at be "
            + "this have from or one had by but not what all were we when there can an your which their if do will "
            + "people government war president moscow kremlin russia ukraine army soldiers economy sanctions "
            + "opposition protest court prison election journalists media police law money oil gas prices "
            + "inflation ruble bank central rate market company business region city village children family "
            + "school university history today week year month story question answer interview podcast episode "
            + "put in sev")
            .split(" ");
    private static final String[] RUSSIAN = ("и в не на что я с он как это по но они к у же вы за бы от о из "
            + "мы так было все она ты для был только уже люди правительство война президент москва кремль россия "
            + "украина армия солдаты экономика санкции оппозиция протест суд тюрьма выборы журналисты полиция "
            + "закон деньги нефть газ цены инфляция рубль банк центральный ставка рынок компания бизнес регион "
            + "город деревня дети семья школа университет история сегодня неделя год месяц вопрос ответ путин сев")
            .split(" ");
    private static final String[] LATIN_SYLLABLES = "ka to mi ne ra so lu be vo di gra stin pol mar zen ko".split(" ");
    private static final String[] CYRILLIC_SYLLABLES = "ка то ми не ра со лу бе во ди гра стин пол мар зен ко"
            .split(" ");

    /** The query kinds measured: name, query string of /api/search (or /api/trends for trends). */
    static final List<String[]> QUERIES = List.of(
            new String[]{"word", "q=sanctions"},
            new String[]{"phrase", "q=\"central bank\""},
            new String[]{"transliterated name", "q=навальный"},
            new String[]{"split name", "q=Putintsev"},
            new String[]{"collapse=episode", "q=sanctions&collapse=episode"},
            new String[]{"trends", "q=navalny&interval=month"});

    public static void main(String[] args) {
        try {
            benchmark(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the Elasticsearch client's threads would keep exec:java waiting
        }
        System.exit(0); // the shared node's shutdown hook stops Elasticsearch
    }

    private static void benchmark(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SEGMENTS;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        useBuiltElasticsearchHome();
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("bench"));
        SegmentsIndex segmentsIndex = new SegmentsIndex(client, names); // the real mapping, index and alias
        long pid = TestElasticsearch.node().pid();
        int episodes = total / SEGMENTS_PER_EPISODE;
        System.out.printf("%,d segments in %,d episodes; %d cores; node pid %d, heap %s%n", total, episodes,
                Runtime.getRuntime().availableProcessors(), pid, nodeHeap(client));

        ConfigurableApplicationContext app = startApplication(names);
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            TrendsService trends = new TrendsService(client, segmentsIndex);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int loaded = 0;
            long loadNanos = 0;
            for (int phase : new int[]{1, PHASES}) {
                long start = System.nanoTime();
                loaded += load(client, names.segments(), episodes, phase == 1 ? e -> e % PHASES == 0
                        : e -> e % PHASES != 0);
                loadNanos += System.nanoTime() - start;
                System.out.println();
                System.out.printf("### %,d segments%n%n", loaded);
                System.out.printf("Bulk load so far: %,d segments in %.0f s = %,.0f segments/s (documents built in "
                        + "this JVM, 2 bulk requests of 2,000 in flight, then one refresh)%n", loaded,
                        loadNanos / 1e9, loaded / (loadNanos / 1e9));
                System.out.printf("Index on disk: %s; node %s; node RSS %s%n", storeSize(client, names.segments()),
                        nodeHeap(client), rss(pid));
                if (requests > 0) {
                    measure(client, http, port, names.segments(), trends, requests);
                    System.out.printf("%nAfter the queries: node %s; node RSS %s%n", nodeHeap(client), rss(pid));
                }
            }
        } finally {
            app.close();
            client.indices().delete(d -> d.index(names.segments() + "-v" + SegmentsIndex.MAPPING_VERSION));
        }
    }

    private static void measure(ElasticsearchClient client, HttpClient http, int port, String index,
                                TrendsService trends, int requests) throws Exception {
        List<String> unloaded = new ArrayList<>();
        System.out.println();
        System.out.printf("%d concurrent clients, %,d requests per path and round, 2 rounds (ES, app, app, ES):%n%n",
                CLIENTS, requests);
        System.out.println("| query | q | hits | ES p50 | ES p99 | app p50 | app p99 | p50 ratio | p99 ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String[] query : QUERIES) {
            boolean isTrends = query[0].equals("trends");
            Map<String, String> params = params(query[1]);
            String q = params.get("q");
            Callable<Void> viaEs;
            long hits;
            if (isTrends) {
                var request = new TrendsService.TrendsRequest(QueryParser.parse(q), TrendInterval.MONTH, null, null,
                        null, null);
                hits = trends.trends(request).buckets().stream().mapToLong(TrendBucket::mentions).sum();
                viaEs = () -> {
                    trends.trends(request);
                    return null;
                };
            } else {
                boolean collapse = params.containsKey("collapse");
                SearchCriteria criteria = new SearchCriteria(QueryParser.parse(q), null, null, null, null,
                        SearchCriteria.Sort.RELEVANCE, collapse, new PageWindow(0, 10));
                var esRequest = SearchService.elasticsearchRequest(index, criteria);
                hits = client.search(esRequest, SegmentDocument.class).hits().total().value();
                viaEs = () -> {
                    client.search(esRequest, SegmentDocument.class);
                    return null;
                };
            }
            if (hits == 0) {
                throw new IllegalStateException("query " + query[1] + " finds nothing in the synthetic index");
            }
            StringBuilder uri = new StringBuilder("http://127.0.0.1:" + port + (isTrends ? "/api/trends?" : "/api/search?"));
            params.forEach((k, v) -> uri.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                    .append('&'));
            URI target = URI.create(uri.toString());
            Callable<Void> viaApp = () -> {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(target).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("app answered " + response.statusCode());
                }
                return null;
            };
            run(viaEs, requests / 4);
            run(viaApp, requests / 4);
            List<Long> es = new ArrayList<>(run(viaEs, requests));
            List<Long> viaApplication = new ArrayList<>(run(viaApp, requests));
            viaApplication.addAll(run(viaApp, requests));
            es.addAll(run(viaEs, requests));
            double esP50 = percentile(es, 50);
            double esP99 = percentile(es, 99);
            double appP50 = percentile(viaApplication, 50);
            double appP99 = percentile(viaApplication, 99);
            System.out.printf("| %s | `%s` | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f | %.2f |%n",
                    query[0], query[1], hits, esP50, esP99, appP50, appP99, appP50 / esP50, appP99 / esP99);
            List<Long> esAlone = new ArrayList<>(run(viaEs, requests / 4, 1));
            List<Long> appAlone = new ArrayList<>(run(viaApp, requests / 4, 1));
            appAlone.addAll(run(viaApp, requests / 4, 1));
            esAlone.addAll(run(viaEs, requests / 4, 1));
            double esAloneP50 = percentile(esAlone, 50);
            double appAloneP50 = percentile(appAlone, 50);
            unloaded.add(String.format("| %s | `%s` | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %+.2f ms |", query[0],
                    query[1], esAloneP50, percentile(esAlone, 99), appAloneP50, percentile(appAlone, 99),
                    appAloneP50 - esAloneP50));
        }
        System.out.println();
        System.out.printf("One client at a time (2 x %,d requests per path, ES, app, app, ES):%n%n", requests / 4);
        System.out.println("| query | q | ES p50 | ES p99 | app p50 | app p99 | app - ES at p50 |");
        System.out.println("|---|---|---|---|---|---|---|");
        unloaded.forEach(System.out::println);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return params;
    }

    private static String nodeHeap(ElasticsearchClient client) throws Exception {
        var node = client.cat().nodes(n -> n.h("heap.current", "heap.max", "heap.percent")).nodes().getFirst();
        return "heap " + node.heapCurrent() + " of " + node.heapMax() + " (" + node.heapPercent() + "%)";
    }

    private static String storeSize(ElasticsearchClient client, String alias) throws Exception {
        var stats = client.indices().stats(s -> s.index(alias));
        var primaries = stats.all().primaries();
        return String.format("%,.1f MB (%,d Lucene documents incl. nested)", primaries.store().sizeInBytes() / 1e6,
                primaries.docs().count());
    }

    private static String rss(long pid) {
        try {
            String rss = null;
            String hwm = null;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = line.substring(6).strip();
                } else if (line.startsWith("VmHWM:")) {
                    hwm = line.substring(6).strip();
                }
            }
            return rss + " (peak " + hwm + ")";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Sends {@code total} requests from {@value #CLIENTS} threads; the latency of each in nanoseconds. */
    static List<Long> run(Callable<Void> request, int total) throws Exception {
        return run(request, total, CLIENTS);
    }

    /** Sends {@code total} requests from {@code clients} threads; the latency of each in nanoseconds. */
    static List<Long> run(Callable<Void> request, int total, int clientCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        AtomicInteger left = new AtomicInteger(total);
        try {
            List<Future<List<Long>>> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                clients.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (left.getAndDecrement() > 0) {
                        long start = System.nanoTime();
                        request.call();
                        latencies.add(System.nanoTime() - start);
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>(total);
            for (Future<List<Long>> client : clients) {
                all.addAll(client.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The nearest-rank percentile, in milliseconds. */
    static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * The episodes {@code e} of {@code 0..episodes-1} that {@code which} accepts, in three feeds (40% English, 60%
     * Russian), {@value #SEGMENTS_PER_EPISODE} segments of 8-16 words each, words drawn with a Zipf-like frequency
     * from a vocabulary of common words plus generated ones; published one every ~8 hours from 2016 on; about 1%
     * of segments mention Navalny (in the episode's script), 0.5% say "central bank", 0.1% say Putintsev (exactly or
     * inflected in Russian) and 0.05% say it the way a recognizer splits it ("put in sev", "путин сев"). The
     * documents are the real {@link TranscriptIndexer#documents}, bulk-loaded (two requests in flight), then
     * refreshed. (Also the corpus of the pages' benchmark, {@code dev.podgrep.app.pages.PagesBenchmark}.)
     *
     * @return the segments loaded
     */
    public static int load(ElasticsearchClient client, String alias, int episodes,
                           java.util.function.IntPredicate which) throws Exception {
        Random vocabularies = new Random(20261130);
        List<String> latin = vocabulary(ENGLISH, LATIN_SYLLABLES, vocabularies);
        List<String> cyrillic = vocabulary(RUSSIAN, CYRILLIC_SYLLABLES, vocabularies);
        List<BulkOperation> batch = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2);
        List<Future<?>> sent = new ArrayList<>();
        int count = 0;
        try {
            for (int e = 0; e < episodes; e++) {
                if (!which.test(e)) {
                    continue;
                }
                Random random = new Random(20261130L * 31 + e);
                boolean english = e % 5 < 2;
                String feed = english ? "the-naked-pravda" : e % 2 == 0 ? "meduza-v-kurse" : "chto-sluchilos";
                Episode episode = TranscriptFixtures.episode("bench-" + e, feed, english ? "en" : "ru",
                        "Synthetic episode " + e, Instant.parse("2016-01-01T06:00:00Z").plusSeconds(e * 30_000L)
                                .toString());
                List<String> vocabulary = english ? latin : cyrillic;
                List<Segment> segments = new ArrayList<>();
                double time = 0;
                for (int s = 0; s < SEGMENTS_PER_EPISODE; s++) {
                    int length = 8 + random.nextInt(9);
                    List<String> text = new ArrayList<>();
                    for (int w = 0; w < length; w++) {
                        text.add(zipf(vocabulary, random));
                    }
                    if (random.nextInt(100) == 0) {
                        text.set(random.nextInt(length), english ? "Navalny" : "Навальный");
                    }
                    if (random.nextInt(200) == 0) {
                        int at = random.nextInt(length - 1);
                        text.set(at, english ? "central" : "центральный");
                        text.set(at + 1, english ? "bank" : "банк");
                    }
                    if (random.nextInt(1000) == 0) {
                        text.set(random.nextInt(length), english ? "Putintsev" : random.nextBoolean() ? "Путинцев"
                                : "Путинцева");
                    }
                    if (random.nextInt(2000) == 0) {
                        int at = random.nextInt(length - 2);
                        List<String> split = english ? List.of("put", "in", "sev") : List.of("путин", "сев", "и");
                        for (int k = 0; k < 3; k++) {
                            text.set(at + k, split.get(k));
                        }
                    }
                    List<Word> words = new ArrayList<>();
                    for (String t : text) {
                        words.add(Word.measured(t, time, time + 0.35, 0.5 + random.nextDouble() / 2));
                        time += 0.4;
                    }
                    time += 0.8;
                    segments.add(new Segment(words));
                }
                TimedTranscript transcript = new TimedTranscript(segments, TranscriptSource.ASR, episode.language(),
                        true);
                for (SegmentDocument doc : TranscriptIndexer.documents(episode, transcript)) {
                    batch.add(BulkOperation.of(b -> b.index(i -> i.index(alias)
                            .id(TranscriptIndexer.documentId(doc.episodeId(), doc.segment())).document(doc))));
                    count++;
                }
                if (batch.size() >= 2_000) {
                    List<BulkOperation> full = new ArrayList<>(batch);
                    batch.clear();
                    inFlight.acquire();
                    sent.add(senders.submit(() -> {
                        try {
                            bulk(client, full);
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    }));
                }
            }
            bulk(client, batch);
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        client.indices().refresh(r -> r.index(alias));
        return count;
    }

    private static void bulk(ElasticsearchClient client, List<BulkOperation> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.operations(batch));
        if (response.errors()) {
            throw new IllegalStateException("bulk load failed: " + response.items().stream()
                    .filter(i -> i.error() != null).findFirst().orElseThrow().error().reason());
        }
        batch.clear();
    }

    /** The common words first (most frequent), then 3,000 generated words of 2-4 syllables. */
    private static List<String> vocabulary(String[] common, String[] syllables, Random random) {
        List<String> words = new ArrayList<>(Arrays.asList(common));
        for (int i = 0; i < 3_000; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 2 + random.nextInt(3); s > 0; s--) {
                w.append(syllables[random.nextInt(syllables.length)]);
            }
            words.add(w.toString());
        }
        return words;
    }

    /** A word with probability proportional to 1 / (rank + 10), by binary search on the cumulative weights. */
    private static String zipf(List<String> words, Random random) {
        double[] cumulative = CUMULATIVE.computeIfAbsent(words, w -> {
            double[] c = new double[w.size()];
            double sum = 0;
            for (int i = 0; i < w.size(); i++) {
                sum += 1.0 / (i + 10);
                c[i] = sum;
            }
            return c;
        });
        int at = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return words.get(Math.min(words.size() - 1, at >= 0 ? at : -at - 1));
    }

    private static final java.util.Map<List<String>, double[]> CUMULATIVE = new java.util.IdentityHashMap<>();

    /** The application on the shared node under {@code names}' prefix, on a free port, no ingestion, quiet. */
    public static ConfigurableApplicationContext startApplication(IndexNames names) {
        return SpringApplication.run(PodgrepApplication.class,
                "--podgrep.elasticsearch.url=" + TestElasticsearch.url(),
                "--podgrep.elasticsearch.index-prefix=" + names.prefix(),
                "--podgrep.ingest.on-startup=false", "--podgrep.ingest.cron=-", "--server.port=0",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
    }

    /** exec:java runs in Maven's JVM without surefire's system property: point at the built node home. */
    public static void useBuiltElasticsearchHome() {
        if (System.getProperty("podgrep.test.elasticsearch-home") != null) {
            return;
        }
        for (Path candidate : List.of(Path.of("target", "elasticsearch-home"),
                Path.of("search-api", "target", "elasticsearch-home"))) {
            if (Files.isDirectory(candidate)) {
                System.setProperty("podgrep.test.elasticsearch-home", candidate.toAbsolutePath().toString());
                return;
            }
        }
        throw new IllegalStateException("no search-api/target/elasticsearch-home: build search-api first");
    }
}
