package dev.podgrep.app.trends;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.app.segments.TranscriptIndexer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.podgrep.app.search.TranscriptFixtures.asr;
import static dev.podgrep.app.search.TranscriptFixtures.episode;
import static dev.podgrep.app.search.TranscriptFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/trends} over real HTTP on the real node: every bucket equals what this test counts itself from
 * the transcripts it indexed: repeated words, inflected and other-script forms of a name, a phrase (also inflected),
 * an exclusion, empty periods between mentions (with and without audio), feed, language and date filters, week,
 * month and year, JSON and CSV, and every 400.
 *
 * <p>The corpus is indexed under its own index prefix (its own application context), so that no other test's
 * transcripts enter these counts and the other API tests never see this corpus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrendsApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TREND_PREFIX);
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
    }

    private static final String TREND_PREFIX = TestElasticsearch.uniquePrefix("trends");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("status of %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        return parse(response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A 400-style problem: status, problem+json, the detail, nothing of Java's insides. */
    private static void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = parse(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).containsIgnoringCase(detailContains);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.podgrep");
    }

    private static final Map<Episode, TimedTranscript> CORPUS = new LinkedHashMap<>();

    static {
        add(episode("tr-en-1", "trend-en", "en", "January one", "2024-01-10T06:00:00Z"), asr("en",
                segment(0, "Navalny spoke and Navalny left"),
                segment(10, "the central bank and the central bank again"),
                segment(20, "nothing here at all")));
        add(episode("tr-en-2", "trend-en", "en", "January two", "2024-01-25T06:00:00Z"), asr("en",
                segment(0, "Navalny supporters watched football"),
                segment(30, "NAVALNY and Navalny's lawyers")));
        add(episode("tr-en-3", "trend-en", "en", "A quiet February", "2024-02-14T06:00:00Z"), asr("en",
                segment(0, "a quiet month without the name"),
                segment(1800, "still nothing")));
        // no episode at all in March
        add(episode("tr-en-4", "trend-en", "en", "April", "2024-04-03T06:00:00Z"), asr("en",
                segment(0, "Navalny Navalny Navalny"),
                segment(12, "talk of central banks today")));
        add(episode("tr-ru-1", "trend-ru", "ru", "Январь", "2024-01-20T06:00:00Z"), asr("ru",
                segment(0, "Навальный и Навального"),
                segment(9, "центральный банк")));
        add(episode("tr-ru-2", "trend-ru", "ru", "Апрель", "2024-04-22T06:00:00Z"), asr("ru",
                segment(0, "сегодня Navalny Навальному"),
                segment(2400, "конец")));
        add(episode("tr-ru-3", "trend-ru", "ru", "Июнь", "2024-06-05T06:00:00Z"), asr("ru",
                segment(0, "просто слова")));
    }

    /** What a listener would count as a mention of Navalny: these spoken forms, nothing else in the corpus. */
    private static final Set<String> NAVALNY = Set.of("navalny", "navalny's", "навальный", "навального",
            "навальному");
    /** The phrase "central bank" as spoken: central followed by bank or banks. */
    private static final List<Set<String>> CENTRAL_BANK = List.of(Set.of("central"), Set.of("bank", "banks"));

    private static void add(Episode episode, TimedTranscript transcript) {
        CORPUS.put(episode, transcript);
    }

    @Autowired
    private TranscriptIndexer indexer;
    @Value("${podgrep.elasticsearch.index-prefix}")
    private String prefix;
    private static TranscriptIndexer indexedBy;

    @Test
    void theTrendCorpusHasAnIndexOfItsOwn() {
        assertThat(prefix).isEqualTo(TREND_PREFIX);
    }

    @BeforeEach
    void indexTrendCorpus() {
        synchronized (TrendsApiTest.class) {
            if (indexedBy != indexer) {
                CORPUS.forEach(indexer::index);
                indexedBy = indexer;
            }
        }
    }

    // ---- the test's own counting, straight from the transcripts ----

    record Filters(String feed, String language, LocalDate since, LocalDate until) {
        boolean accept(Episode e) {
            LocalDate day = e.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
            return (feed == null || feed.equals(e.feed())) && (language == null || language.equals(e.language()))
                    && (since == null || !day.isBefore(since)) && (until == null || !day.isAfter(until));
        }
    }

    /** Per period: mentions, episodes with a mention, audio seconds; every period from first to last. */
    private static List<String> expected(List<Set<String>> sequence, Set<String> excluded, Filters filters,
                                         String interval) {
        Function<LocalDate, LocalDate> period = d -> switch (interval) {
            case "week" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> d.withDayOfMonth(1);
            default -> d.withDayOfYear(1);
        };
        Function<LocalDate, LocalDate> next = d -> switch (interval) {
            case "week" -> d.plusWeeks(1);
            case "month" -> d.plusMonths(1);
            default -> d.plusYears(1);
        };
        TreeMap<LocalDate, double[]> buckets = new TreeMap<>(); // mentions, episodes, seconds
        CORPUS.forEach((episode, transcript) -> {
            if (!filters.accept(episode)) {
                return;
            }
            LocalDate at = period.apply(episode.publishedAt().atZone(ZoneOffset.UTC).toLocalDate());
            double[] b = buckets.computeIfAbsent(at, k -> new double[3]);
            b[2] += transcript.segments().getLast().end();
            long inEpisode = 0;
            for (Segment segment : transcript.segments()) {
                List<String> words = segment.words().stream().map(Word::text)
                        .map(w -> w.toLowerCase(Locale.ROOT)).toList();
                if (words.stream().anyMatch(excluded::contains)) {
                    continue;
                }
                for (int i = 0; i + sequence.size() <= words.size(); i++) {
                    boolean match = true;
                    for (int j = 0; j < sequence.size(); j++) {
                        match &= sequence.get(j).contains(words.get(i + j));
                    }
                    if (match) {
                        inEpisode++;
                    }
                }
            }
            b[0] += inEpisode;
            b[1] += inEpisode > 0 ? 1 : 0;
        });
        List<String> rows = new ArrayList<>();
        if (buckets.isEmpty() && (filters.since() == null || filters.until() == null)) {
            return rows;
        }
        LocalDate first = filters.since() != null ? period.apply(filters.since()) : buckets.firstKey();
        LocalDate last = filters.until() != null ? period.apply(filters.until()) : buckets.lastKey();
        for (LocalDate at = first; !at.isAfter(last); at = next.apply(at)) {
            double[] b = buckets.getOrDefault(at, new double[3]);
            double hours = Math.round(b[2] / 3600.0 * 1000) / 1000.0;
            double hoursExact = b[2] / 3600.0;
            double perHour = hoursExact > 0 ? Math.round(b[0] / hoursExact * 1000) / 1000.0 : 0.0;
            rows.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%s", at, (long) b[0], (long) b[1], hours, perHour));
        }
        return rows;
    }

    private static List<String> rows(JsonNode trends) {
        List<String> rows = new ArrayList<>();
        for (JsonNode b : trends.path("buckets")) {
            rows.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%s", b.path("start").asText(), b.path("mentions").asLong(),
                    b.path("episodes").asLong(), b.path("audioHours").asDouble(), b.path("mentionsPerHour").asDouble()));
        }
        return rows;
    }

    private JsonNode trends(String q, String more) {
        return getJson("/api/trends?q=" + encode(q) + (more == null ? "" : "&" + more));
    }

    private static final Filters YEAR_2024 = new Filters(null, null, LocalDate.parse("2024-01-01"),
            LocalDate.parse("2024-12-31"));

    @Test
    void everyWordOccurrenceIsCountedPerMonthWithEmptyMonthsBetween() {
        JsonNode result = trends("navalny", "interval=month&since=2024-01-01&until=2024-12-31");
        assertThat(result.path("query").asText()).isEqualTo("navalny");
        assertThat(result.path("interval").asText()).isEqualTo("month");
        List<String> expected = expected(List.of(NAVALNY), Set.of(), YEAR_2024, "month");
        assertThat(rows(result)).containsExactlyElementsOf(expected).hasSize(12);
        // January: 2 + 1 + 2 (NAVALNY, Navalny's) in English, 2 in Russian: 7 mentions in 3 episodes
        assertThat(expected.getFirst()).startsWith("2024-01-01,7,3,");
        assertThat(expected.get(1)).startsWith("2024-02-01,0,0,0.5"); // audio without mentions
        assertThat(expected.get(2)).isEqualTo("2024-03-01,0,0,0.0,0.0"); // no audio at all
        assertThat(expected.get(3)).startsWith("2024-04-01,5,2,");
    }

    @Test
    void aNameTypedInTheOtherScriptCountsTheSameOccurrences() {
        JsonNode cyrillic = trends("Навальный", "since=2024-01-01&until=2024-12-31");
        assertThat(rows(cyrillic)).containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), YEAR_2024, "month"));
        assertThat(rows(cyrillic)).isEqualTo(rows(trends("navalny", "since=2024-01-01&until=2024-12-31")));
    }

    @Test
    void aPhraseCountsOncePerOccurrenceIncludingItsInflectedForm() {
        JsonNode phrase = trends("\"central bank\"", "since=2024-01-01&until=2024-06-30");
        List<String> expected = expected(CENTRAL_BANK, Set.of(), new Filters(null, null,
                LocalDate.parse("2024-01-01"), LocalDate.parse("2024-06-30")), "month");
        assertThat(rows(phrase)).containsExactlyElementsOf(expected);
        assertThat(expected.getFirst()).startsWith("2024-01-01,2,1,");
        assertThat(expected.get(3)).startsWith("2024-04-01,1,1,"); // "central banks"
    }

    @Test
    void anExclusionRemovesItsSegmentsFromTheCount() {
        JsonNode result = trends("navalny -football", "since=2024-01-01&until=2024-12-31");
        List<String> expected = expected(List.of(NAVALNY), Set.of("football"), YEAR_2024, "month");
        assertThat(rows(result)).containsExactlyElementsOf(expected);
        assertThat(expected.getFirst()).startsWith("2024-01-01,6,3,");
    }

    @Test
    void feedLanguageAndDateFiltersNarrowTheCount() {
        Filters en = new Filters("trend-en", null, null, null);
        assertThat(rows(trends("navalny", "feed=trend-en")))
                .containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), en, "month"))
                .first().asString().startsWith("2024-01-01,5,2,");
        Filters ru = new Filters(null, "ru", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"));
        assertThat(rows(trends("navalny", "lang=ru&since=2024-01-01&until=2024-12-31")))
                .containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), ru, "month"));
        Filters spring = new Filters(null, null, LocalDate.parse("2024-02-01"), LocalDate.parse("2024-04-30"));
        assertThat(rows(trends("navalny", "since=2024-02-01&until=2024-04-30")))
                .containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), spring, "month")).hasSize(3);
    }

    @Test
    void weeksAndYearsBucketTheSameOccurrences() {
        Filters ru = new Filters("trend-ru", null, null, null);
        List<String> weeks = rows(trends("navalny", "feed=trend-ru&interval=week"));
        assertThat(weeks).containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), ru, "week"));
        assertThat(weeks.getFirst()).startsWith("2024-01-15,2,1,"); // the Monday of 2024-01-20
        assertThat(weeks).hasSize(21);
        assertThat(rows(trends("navalny", "interval=YEAR&since=2024-01-01&until=2024-12-31")))
                .containsExactlyElementsOf(expected(List.of(NAVALNY), Set.of(), YEAR_2024, "year"))
                .singleElement().asString().startsWith("2024-01-01,12,5,");
    }

    @Test
    void csvIsRfc4180WithAHeaderInUtf8() {
        HttpResponse<String> response = get("/api/trends?q=" + encode("Навальный")
                + "&format=csv&since=2024-01-01&until=2024-12-31");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v.toLowerCase(Locale.ROOT)).startsWith("text/csv").contains("charset=utf-8"));
        List<String> expected = new ArrayList<>();
        expected.add("start,mentions,episodes,audioHours,mentionsPerHour");
        expected.addAll(expected(List.of(NAVALNY), Set.of(), YEAR_2024, "month"));
        assertThat(response.body()).isEqualTo(String.join("\r\n", expected) + "\r\n");
    }

    @Test
    void nothingIndexedInTheRangeGivesEmptyPeriods() {
        JsonNode none = trends("navalny", "feed=no-such-feed");
        assertThat(none.path("buckets")).isEmpty();
        assertThat(rows(trends("navalny", "since=2024-03-01&until=2024-03-31")))
                .containsExactly("2024-03-01,0,0,0.0,0.0");
    }

    @Test
    void theEndpointIsDescribedInTheApiDocumentation() {
        JsonNode op = getJson("/v3/api-docs").path("paths").path("/api/trends").path("get");
        assertThat(op.path("summary").asText()).isNotBlank();
        assertThat(op.path("parameters").findValuesAsText("name"))
                .contains("q", "interval", "feed", "lang", "since", "until", "format");
        assertThat(op.path("responses").path("200").toString()).contains("mentionsPerHour").contains("text/csv");
        assertThat(op.path("responses").path("400").toString()).contains("problem+json");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "q=                                    | Enter a word",
            "q=-navalny                            | only excludes",
            "q=navalny&interval=day                | interval",
            "q=navalny&format=xml                  | format",
            "q=navalny&lang=de                     | lang",
            "q=navalny&since=2024-13-01            | since",
            "q=navalny&since=2024-05-01&until=2024-01-01 | since",
            "q=%22one+two+three+four+five%22       | at most 4 words",
            "q=navalny&interval=week&since=1900-01-01&until=2100-01-01 | larger interval",
    })
    void badParametersAreBadRequestsNamingTheParameter(String query, String detail) {
        assertProblem(get("/api/trends?" + query.strip()), 400, detail.strip());
    }
}
