package dev.podgrep.app.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static dev.podgrep.app.search.TranscriptFixtures.asr;
import static dev.podgrep.app.search.TranscriptFixtures.episode;
import static dev.podgrep.app.search.TranscriptFixtures.segment;

/**
 * Search quality on a planted corpus: how well {@link SearchService} finds names and words in the forms speech
 * recognition and spelling give them, and how little else it returns. Prints recall@10, precision@10 and MRR per
 * kind and language. Not a test: run it by hand (see docs/benchmarks.md):
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl search-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.search.SearchQualityBenchmark
 * </pre>
 *
 * <h2>The set</h2>
 * Filler transcripts in English and Russian (common words plus generated words, Zipf-like, fixed seed) with
 * <em>cases</em> planted in known segments. A case is a kind, the language of the transcripts it is planted in, the
 * entity it is about, the queries a user would type, the renderings planted (each in its own segment of its own
 * episode) and distractors (other names that sound or look close, common words sharing a root or a sound; each in
 * its own segment). Kinds:
 * <ul>
 *   <li>{@code exact}: the query's own spelling is planted;</li>
 *   <li>{@code inflected}: other grammatical forms of the query word;</li>
 *   <li>{@code misspelt}: the name one or two letters off, as spelling and recognition get it wrong;</li>
 *   <li>{@code transliterated}: the query typed in another romanisation or script than the transcript's;</li>
 *   <li>{@code split}: a name the recognizer did not know, written as several known words that sound like it.</li>
 * </ul>
 *
 * <h2>Measures</h2>
 * The relevant segments of a query are all segments where its entity is planted, in any case and language (at
 * most 10 per entity, so that recall@10 can reach 1). Each query runs as a user sends it (no filters, first page
 * of 10, by relevance).
 * <ul>
 *   <li>recall@10 of a query: the case's own planted segments found in the first 10 hits / the case's plants;</li>
 *   <li>precision@10: relevant hits among the first 10 / hits among the first 10 (a query with no hit counts
 *       1.0 for precision, 0 for recall);</li>
 *   <li>MRR: 1 / rank of the first relevant hit, 0 if none in the first 10.</li>
 * </ul>
 * Figures are averaged over the queries of a kind and language.
 */
public final class SearchQualityBenchmark {

    /** One planted case. */
    record Case(String kind, String language, String entity, List<String> queries, List<String> plants,
                List<String> distractors) {
    }

    static final List<Case> CASES = List.of(
            // English transcripts
            new Case("exact", "en", "referendum", List.of("referendum"),
                    List.of("referendum", "referendum", "referendum"), List.of("reference", "referee")),
            new Case("exact", "en", "kadyrov", List.of("Kadyrov"),
                    List.of("Kadyrov", "Kadyrov", "Kadyrov"), List.of("Kirov", "cadre")),
            new Case("inflected", "en", "sanction", List.of("sanction"),
                    List.of("sanctions", "sanctioned", "sanctions"), List.of("sanctuary", "sanity")),
            new Case("inflected", "en", "prisoner", List.of("prisoner"),
                    List.of("prisoners", "prisoners", "prisoners"), List.of("prison", "prism")),
            new Case("inflected", "en", "negotiation", List.of("negotiation"),
                    List.of("negotiations", "negotiations", "negotiations"), List.of("negative", "navigation")),
            new Case("misspelt", "en", "frolov", List.of("Frolov"),
                    List.of("Frollov", "Frolow", "Frollov"), List.of("flow", "Orel")),
            new Case("misspelt", "en", "nabiullina", List.of("Nabiullina"),
                    List.of("Nabiulina", "Nabiullin", "Nabiullena"), List.of("Nabokov", "bullion")),
            new Case("misspelt", "en", "lukashenko", List.of("Lukashenko"),
                    List.of("Lukashenka", "Lukashenco", "Lukashanko"), List.of("Lucas", "Ashenko")),
            new Case("transliterated", "en", "zelensky", List.of("Zelenskyy", "Zelenskiy"),
                    List.of("Zelensky", "Zelensky", "Zelensky"), List.of("Zelenograd", "Lensky")),
            new Case("transliterated", "en", "navalny", List.of("Navalnyi", "Navalniy"),
                    List.of("Navalny", "Navalny", "Navalny"), List.of("naval", "Navarro")),
            new Case("transliterated", "en", "shoigu", List.of("Shoygu"),
                    List.of("Shoigu", "Shoigu", "Shoigu"), List.of("shogun", "Sergei")),
            new Case("split", "en", "putintsev", List.of("Putintsev"),
                    List.of("put in sev", "putin sev", "put in sev"), List.of("Putin", "put in")),
            new Case("split", "en", "prigozhin", List.of("Prigozhin"),
                    List.of("pre go jean", "prego jean", "pre go jean"), List.of("pre go", "Prigov")),
            new Case("split", "en", "peskov", List.of("Peskov"),
                    List.of("pesk of", "pes cough", "pesk of"), List.of("pesky", "cough")),
            new Case("split", "en", "medvedev", List.of("Medvedev"),
                    List.of("med ve dev", "med vedev", "medve dev"), List.of("medal", "dev")),
            // Russian transcripts
            new Case("exact", "ru", "navalny", List.of("Навальный"),
                    List.of("Навальный", "Навальный", "Навальный"), List.of("навал", "вальс")),
            new Case("exact", "ru", "pow", List.of("военнопленные"),
                    List.of("военнопленные", "военнопленные", "военнопленные"), List.of("военные", "пленные")),
            new Case("inflected", "ru", "mobilization", List.of("мобилизация"),
                    List.of("мобилизации", "мобилизацию", "мобилизацией"), List.of("мобильный", "милиция")),
            new Case("inflected", "ru", "putintsev", List.of("Путинцев"),
                    List.of("Путинцева", "Путинцеву", "Путинцевым"), List.of("Путин", "Путина")),
            new Case("inflected", "ru", "sanction", List.of("санкции"),
                    List.of("санкциями", "санкций", "санкциях"), List.of("санитары", "акции")),
            new Case("misspelt", "ru", "nabiullina", List.of("Набиуллина"),
                    List.of("Набиулина", "Набиуллена", "Набиуллин"), List.of("Набоков", "улица")),
            new Case("misspelt", "ru", "frolov", List.of("Фролов"),
                    List.of("Фроллов", "Фролоф", "Фроллов"), List.of("Орёл", "флот")),
            new Case("transliterated", "ru", "shoigu", List.of("Shoigu", "Shoygu"),
                    List.of("Шойгу", "Шойгу", "Шойгу"), List.of("шоу", "Шолохов")),
            new Case("transliterated", "ru", "zelensky", List.of("Zelensky", "Zelenskyy", "Zelenskiy"),
                    List.of("Зеленский", "Зеленский", "Зеленский"), List.of("зелёный", "Зеленоград")),
            new Case("transliterated", "ru", "peskov", List.of("Peskov"),
                    List.of("Песков", "Песков", "Песков"), List.of("песок", "Пушков")),
            new Case("split", "ru", "putintsev", List.of("Путинцев"),
                    List.of("путин сев", "путин цев", "путин сев"), List.of("Путин", "сев")),
            new Case("split", "ru", "prigozhin", List.of("Пригожин"),
                    List.of("при гожин", "при гож ин", "пригож ин"), List.of("пригород", "Прохоров")),
            new Case("split", "ru", "kadyrov", List.of("Кадыров"),
                    List.of("кады ров", "кадыр ов", "ка дыров"), List.of("кадры", "ров")));

    static final String[] KINDS = {"exact", "inflected", "misspelt", "transliterated", "split"};

    private static final String[] ENGLISH = ("the of and to a in that is it was for on with as he said they at be "
            + "this have from or one had by but not what all were we when there can an your which their if do will "
            + "people government war president moscow kremlin russia ukraine army soldiers economy opposition "
            + "protest court election journalists media police law money oil gas prices inflation ruble bank "
            + "central rate market company business region city village children family school university history "
            + "today week year month story question answer interview podcast episode go get put sell see said say "
            + "new old good big small long time day night home house work life world country state power party "
            + "leader minister official report news talk told know think make take come back just also very")
            .split(" ");
    private static final String[] RUSSIAN = ("и в не на что я с он как это по но они к у же вы за бы от о из "
            + "мы так было все она ты для был только уже люди правительство война президент москва кремль россия "
            + "украина армия солдаты экономика оппозиция протест суд тюрьма выборы журналисты полиция закон деньги "
            + "нефть газ цены инфляция рубль банк центральный ставка рынок компания бизнес регион город деревня "
            + "дети семья школа университет история сегодня неделя год месяц вопрос ответ при пути путь сегодня "
            + "новый старый большой время день ночь дом работа жизнь мир страна власть партия министр новости "
            + "говорит сказал знает думает делает когда тоже очень ещё потом")
            .split(" ");
    private static final String[] LATIN_SYLLABLES = "ka to mi ne ra so lu be vo di gra stin pol mar zen ko".split(" ");
    private static final String[] CYRILLIC_SYLLABLES = "ка то ми не ра со лу бе во ди гра стин пол мар зен ко"
            .split(" ");
    static final int EPISODES_PER_LANGUAGE = 100;
    static final int SEGMENTS_PER_EPISODE = 25;

    /** Where a planted word or distractor went: an episode and its segment's start. */
    record Spot(String episodeId, double start) {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        useBuiltElasticsearchHome();
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("quality"));
        SegmentsIndex index = new SegmentsIndex(client, names);
        TranscriptIndexer indexer = new TranscriptIndexer(client, index);
        SearchService search = new SearchService(client, index);
        Map<Case, List<Spot>> plants = new LinkedHashMap<>();
        Map<String, Set<Spot>> relevant = new HashMap<>();
        int segments = load(indexer, plants, relevant);
        relevant.forEach((entity, spots) -> {
            if (spots.size() > 10) {
                throw new IllegalStateException(entity + " is planted " + spots.size() + " times, at most 10");
            }
        });
        System.out.printf("Corpus: %,d segments in %d episodes (en + ru), %d cases, %d queries%n%n", segments,
                2 * EPISODES_PER_LANGUAGE, CASES.size(), CASES.stream().mapToInt(c -> c.queries().size()).sum());

        Map<String, double[]> sums = new TreeMap<>(); // kind/lang -> recall, precision, rr, queries
        StringBuilder details = new StringBuilder();
        try {
            for (Case c : CASES) {
                Set<Spot> own = new HashSet<>(plants.get(c));
                Set<Spot> rel = relevant.get(c.entity());
                for (String q : c.queries()) {
                    SearchResult result = search.search(SearchCriteria.of(QueryParser.parse(q)));
                    int found = 0;
                    int relevantHits = 0;
                    double rr = 0;
                    List<String> wrong = new ArrayList<>();
                    List<SearchHit> hits = result.hits();
                    for (int i = 0; i < hits.size(); i++) {
                        SearchHit h = hits.get(i);
                        Spot spot = new Spot(h.episodeId(), h.startSeconds());
                        if (own.contains(spot)) {
                            found++;
                        }
                        if (rel.contains(spot)) {
                            relevantHits++;
                            if (rr == 0) {
                                rr = 1.0 / (i + 1);
                            }
                        } else {
                            wrong.add(highlighted(h));
                        }
                    }
                    double recall = (double) found / own.size();
                    double precision = hits.isEmpty() ? 1.0 : (double) relevantHits / hits.size();
                    for (String key : List.of(c.kind() + "/" + c.language(), c.kind() + "/all", "all/all")) {
                        double[] s = sums.computeIfAbsent(key, k -> new double[4]);
                        s[0] += recall;
                        s[1] += precision;
                        s[2] += rr;
                        s[3]++;
                    }
                    details.append(String.format(Locale.ROOT, "| %s | %s | `%s` | %d/%d | %d/%d | %.2f | %s |%n",
                            c.kind(), c.language(), q, found, own.size(), relevantHits, hits.size(), rr,
                            wrong.isEmpty() ? "" : String.join("; ", wrong)));
                }
            }
        } finally {
            client.indices().delete(d -> d.index(names.segments() + "-v" + SegmentsIndex.MAPPING_VERSION));
        }
        System.out.println("| kind | language | queries | recall@10 | precision@10 | MRR |");
        System.out.println("|---|---|---|---|---|---|");
        for (String kind : KINDS) {
            for (String lang : List.of("en", "ru", "all")) {
                double[] s = sums.get(kind + "/" + lang);
                if (s != null) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f |%n", kind, lang, (int) s[3],
                            s[0] / s[3], s[1] / s[3], s[2] / s[3]);
                }
            }
        }
        double[] all = sums.get("all/all");
        System.out.printf(Locale.ROOT, "| **all** | | %d | %.2f | %.2f | %.2f |%n", (int) all[3], all[0] / all[3],
                all[1] / all[3], all[2] / all[3]);
        System.out.println();
        System.out.println("| kind | lang | q | own plants found | relevant/returned | RR | not relevant (highlight) |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.print(details);
    }

    private static String highlighted(SearchHit h) {
        String hl = h.highlight();
        List<String> marked = new ArrayList<>();
        int at = hl.indexOf("<em>");
        while (at >= 0) {
            int end = hl.indexOf("</em>", at);
            marked.add(hl.substring(at + 4, end));
            at = hl.indexOf("<em>", end);
        }
        return String.join(" ", marked);
    }

    /**
     * Builds and indexes the corpus through the real indexer; records where each case's renderings went
     * ({@code plants}) and, per entity, every planted segment ({@code relevant}).
     */
    static int load(TranscriptIndexer indexer, Map<Case, List<Spot>> plants, Map<String, Set<Spot>> relevant) {
        Random random = new Random(20261201);
        Set<String> reserved = new HashSet<>();
        for (Case c : CASES) {
            for (List<String> texts : List.of(c.queries(), c.plants(), c.distractors())) {
                for (String t : texts) {
                    for (String w : t.split(" ")) {
                        reserved.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        int count = 0;
        for (String lang : List.of("en", "ru")) {
            boolean english = lang.equals("en");
            List<String> vocabulary = vocabulary(english ? ENGLISH : RUSSIAN,
                    english ? LATIN_SYLLABLES : CYRILLIC_SYLLABLES, reserved, random);
            List<List<String>> texts = new ArrayList<>();
            for (int i = 0; i < EPISODES_PER_LANGUAGE * SEGMENTS_PER_EPISODE; i++) {
                int length = 8 + random.nextInt(9);
                List<String> words = new ArrayList<>();
                for (int w = 0; w < length; w++) {
                    words.add(zipf(vocabulary, random));
                }
                texts.add(words);
            }
            // each rendering and distractor into its own segment, segments of one case in different episodes
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                free.add(i);
            }
            java.util.Collections.shuffle(free, random);
            int next = 0;
            Map<Integer, Case> plantedCase = new HashMap<>();
            Map<Integer, String> entityOf = new HashMap<>();
            Map<Case, List<Integer>> planted = new LinkedHashMap<>();
            for (Case c : CASES) {
                if (!c.language().equals(lang)) {
                    continue;
                }
                Set<Integer> episodesUsed = new HashSet<>();
                List<String> all = new ArrayList<>(c.plants());
                all.addAll(c.distractors());
                for (int r = 0; r < all.size(); r++) {
                    int at;
                    do {
                        at = free.get(next++);
                    } while (!episodesUsed.add(at / SEGMENTS_PER_EPISODE));
                    List<String> words = texts.get(at);
                    List<String> rendering = List.of(all.get(r).split(" "));
                    int pos = random.nextInt(words.size() - rendering.size());
                    for (int k = 0; k < rendering.size(); k++) {
                        words.set(pos + k, rendering.get(k));
                    }
                    if (r < c.plants().size()) {
                        planted.computeIfAbsent(c, x -> new ArrayList<>()).add(at);
                        plantedCase.put(at, c);
                        entityOf.put(at, c.entity());
                    }
                }
            }
            Map<Integer, Double> startOf = new HashMap<>();
            for (int e = 0; e < EPISODES_PER_LANGUAGE; e++) {
                String id = lang + "-q-" + e;
                Episode episode = episode(id, english ? "the-naked-pravda" : "meduza-v-kurse", lang,
                        "Quality episode " + e, Instant.parse("2025-01-01T06:00:00Z").plusSeconds(e * 86_400L).toString());
                List<Segment> segs = new ArrayList<>();
                double time = 0;
                for (int s = 0; s < SEGMENTS_PER_EPISODE; s++) {
                    int at = e * SEGMENTS_PER_EPISODE + s;
                    startOf.put(at, time);
                    segs.add(segment(time, String.join(" ", texts.get(at))));
                    time += 0.5 * texts.get(at).size() + 1.0;
                    time = Math.round(time * 1000) / 1000.0;
                }
                indexer.index(episode, asr(lang, segs.toArray(Segment[]::new)));
                count += segs.size();
            }
            planted.forEach((c, ats) -> {
                for (int at : ats) {
                    Spot spot = new Spot(lang + "-q-" + (at / SEGMENTS_PER_EPISODE), startOf.get(at));
                    plants.computeIfAbsent(c, x -> new ArrayList<>()).add(spot);
                    relevant.computeIfAbsent(c.entity(), x -> new HashSet<>()).add(spot);
                }
            });
        }
        return count;
    }

    /** The common words first (most frequent), then 1,500 generated words of 2-4 syllables none of the cases use. */
    private static List<String> vocabulary(String[] common, String[] syllables, Set<String> reserved, Random random) {
        List<String> words = new ArrayList<>();
        for (String w : common) {
            if (!reserved.contains(w)) {
                words.add(w);
            }
        }
        while (words.size() < common.length + 1_500) {
            StringBuilder w = new StringBuilder();
            for (int s = 2 + random.nextInt(3); s > 0; s--) {
                w.append(syllables[random.nextInt(syllables.length)]);
            }
            if (!reserved.contains(w.toString())) {
                words.add(w.toString());
            }
        }
        return words;
    }

    private static final Map<List<String>, double[]> CUMULATIVE = new java.util.IdentityHashMap<>();

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
        int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return words.get(Math.min(words.size() - 1, at >= 0 ? at : -at - 1));
    }

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
