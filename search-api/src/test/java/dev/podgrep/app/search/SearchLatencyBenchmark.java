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
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of {@code GET /api/search} through the running application versus the very same Elasticsearch request
 * ({@link SearchService#elasticsearchRequest}) sent straight to Elasticsearch with the Java client, on a synthetic
 * index of {@value #EPISODES} episodes x {@value #SEGMENTS_PER_EPISODE} segments in the local node. Prints p50/p99
 * per query kind and the app/ES ratio. Not a test: run it by hand (see docs/benchmarks.md):
 * <pre>
 * cd search-api &amp;&amp; mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.search.SearchLatencyBenchmark [-Dexec.args="requests-per-round"]
 * </pre>
 * Each query kind is measured in two rounds per path, alternating the order (ES, app, app, ES), after a warm-up,
 * with {@value #CLIENTS} concurrent clients each sending an equal share of the requests.
 */
public final class SearchLatencyBenchmark {

    static final int EPISODES = 1_000;
    static final int SEGMENTS_PER_EPISODE = 100;
    static final int CLIENTS = 16;

    private static final String[] ENGLISH = ("the of and to a in that is it was for on with as he said they at be "
            + "this have from or one had by but not what all were we when there can an your which their if do will "
            + "people government war president moscow kremlin russia ukraine army soldiers economy sanctions "
            + "opposition protest court prison election journalists media police law money oil gas prices "
            + "inflation ruble bank central rate market company business region city village children family "
            + "school university history today week year month story question answer interview podcast episode")
            .split(" ");
    private static final String[] RUSSIAN = ("и в не на что я с он как это по но они к у же вы за бы от о из "
            + "мы так было все она ты для был только уже люди правительство война президент москва кремль россия "
            + "украина армия солдаты экономика санкции оппозиция протест суд тюрьма выборы журналисты полиция "
            + "закон деньги нефть газ цены инфляция рубль банк центральный ставка рынок компания бизнес регион "
            + "город деревня дети семья школа университет история сегодня неделя год месяц вопрос ответ")
            .split(" ");
    private static final String[] LATIN_SYLLABLES = "ka to mi ne ra so lu be vo di gra stin pol mar zen ko".split(" ");
    private static final String[] CYRILLIC_SYLLABLES = "ка то ми не ра со лу бе во ди гра стин пол мар зен ко"
            .split(" ");

    /** The three queries measured: a word, a phrase and a name typed in the other script. */
    static final List<String[]> QUERIES = List.of(
            new String[]{"word", "sanctions"},
            new String[]{"phrase", "\"central bank\""},
            new String[]{"transliterated name", "навальный"});

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
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_600;
        useBuiltElasticsearchHome();
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("bench"));
        new SegmentsIndex(client, names); // creates the index and alias with the real mapping
        long loadStart = System.nanoTime();
        int segments = load(client, names.segments());
        System.out.printf("Loaded %,d segments of %,d episodes in %.1f s (bulk, then refresh + force-merge)%n",
                segments, EPISODES, (System.nanoTime() - loadStart) / 1e9);

        ConfigurableApplicationContext app = SpringApplication.run(PodgrepApplication.class,
                "--podgrep.elasticsearch.url=" + TestElasticsearch.url(),
                "--podgrep.elasticsearch.index-prefix=" + names.prefix(),
                "--podgrep.ingest.on-startup=false", "--podgrep.ingest.cron=-", "--server.port=0",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("%d concurrent clients, %,d requests per path and round, 2 rounds (ES, app, app, ES); "
                    + "%d cores%n", CLIENTS, requests, Runtime.getRuntime().availableProcessors());
            System.out.println();
            List<String> unloaded = new ArrayList<>();
            System.out.println("| query | q | hits | ES p50 | ES p99 | app p50 | app p99 | p50 ratio | p99 ratio |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (String[] query : QUERIES) {
                SearchCriteria request = SearchCriteria.of(QueryParser.parse(query[1]));
                var esRequest = SearchService.elasticsearchRequest(names.segments(), request);
                long hits = client.search(esRequest, SegmentDocument.class).hits().total().value();
                if (hits == 0) {
                    throw new IllegalStateException("query " + query[1] + " finds nothing in the synthetic index");
                }
                URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?q="
                        + URLEncoder.encode(query[1], StandardCharsets.UTF_8));
                Callable<Void> viaEs = () -> {
                    client.search(esRequest, SegmentDocument.class);
                    return null;
                };
                Callable<Void> viaApp = () -> {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
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
                List<Long> esAlone = run(viaEs, requests / 4, 1);
                List<Long> appAlone = run(viaApp, requests / 4, 1);
                unloaded.add(String.format("| %s | `%s` | %.2f ms | %.2f ms | %.2f ms | %.2f ms |", query[0], query[1],
                        percentile(esAlone, 50), percentile(esAlone, 99), percentile(appAlone, 50),
                        percentile(appAlone, 99)));
            }
            System.out.println();
            System.out.printf("One client at a time (%,d requests per path), for the app's own cost without queueing:%n",
                    requests / 4);
            System.out.println();
            System.out.println("| query | q | ES p50 | ES p99 | app p50 | app p99 |");
            System.out.println("|---|---|---|---|---|---|");
            unloaded.forEach(System.out::println);
        } finally {
            app.close();
            client.indices().delete(d -> d.index(names.segments() + "-v" + SegmentsIndex.MAPPING_VERSION));
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
     * 1,000 episodes in three feeds (40% English, 60% Russian), 100 segments of 8-16 words each, words drawn with a
     * Zipf-like frequency from a vocabulary of common words plus generated ones; about 1% of segments mention
     * Navalny (in the episode's script), about 0.5% say "central bank". (Also the corpus of the pages' benchmark,
     * {@code dev.podgrep.app.pages.PagesBenchmark}.)
     */
    public static int load(ElasticsearchClient client, String alias) throws Exception {
        Random random = new Random(20261130);
        List<String> latin = vocabulary(ENGLISH, LATIN_SYLLABLES, random);
        List<String> cyrillic = vocabulary(RUSSIAN, CYRILLIC_SYLLABLES, random);
        List<BulkOperation> batch = new ArrayList<>();
        int count = 0;
        for (int e = 0; e < EPISODES; e++) {
            boolean english = e % 5 < 2;
            String feed = english ? "the-naked-pravda" : e % 2 == 0 ? "meduza-v-kurse" : "chto-sluchilos";
            Episode episode = TranscriptFixtures.episode("bench-" + e, feed, english ? "en" : "ru",
                    "Synthetic episode " + e, Instant.parse("2024-01-01T06:00:00Z").plusSeconds(e * 86_400L)
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
                List<Word> words = new ArrayList<>();
                for (String t : text) {
                    words.add(Word.measured(t, time, time + 0.35, 0.5 + random.nextDouble() / 2));
                    time += 0.4;
                }
                time += 0.8;
                segments.add(new Segment(words));
            }
            TimedTranscript transcript = new TimedTranscript(segments, TranscriptSource.ASR, episode.language(), true);
            for (SegmentDocument doc : TranscriptIndexer.documents(episode, transcript)) {
                batch.add(BulkOperation.of(b -> b.index(i -> i.index(alias)
                        .id(TranscriptIndexer.documentId(doc.episodeId(), doc.segment())).document(doc))));
                count++;
            }
            if (batch.size() >= 2_000) {
                bulk(client, batch);
            }
        }
        bulk(client, batch);
        client.indices().refresh(r -> r.index(alias));
        client.indices().forcemerge(f -> f.index(alias).maxNumSegments(1L));
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

    /** exec:java runs in Maven's JVM without surefire's system property: point at the built node home. */
    private static void useBuiltElasticsearchHome() {
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
