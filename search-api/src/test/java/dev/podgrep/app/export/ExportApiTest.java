package dev.podgrep.app.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.app.elasticsearch.SearchClient;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentsIndex;
import dev.podgrep.app.web.ApiCorpus;
import dev.podgrep.app.web.ApiTestSupport;
import dev.podgrep.app.web.BadRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code GET /api/search/export} over real HTTP on the real node, on the {@link ApiCorpus}: one row per occurrence
 * (across scripts, phrases as one, repeated words each once), context reaching into the neighbouring segments, CSV
 * that a CSV reader (and a spreadsheet: BOM, CRLF) reads back cell for cell, JSON lines, filters, and every refusal
 * as a problem document before any row.
 */
class ExportApiTest extends ApiTestSupport {

    @Autowired
    @SearchClient
    private ElasticsearchClient client;

    @Autowired
    private SegmentsIndex segmentsIndex;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void everyMentionOfANameInEitherScriptIsOneRowNewestEpisodeFirstWithItsContext() throws IOException {
        List<CSVRecord> rows = csv("/api/search/export?q=navalny");

        assertThat(rows).extracting(r -> r.get("episodeId"), r -> r.get("matchSeconds"), r -> r.get("match"))
                .containsExactly(
                        tuple("tnp-football", "5", "Navalny"),
                        tuple("mvk-navalny", "0.5", "Навальный"),
                        tuple("tnp-navalny", "11", "Navalny"),
                        tuple("tnp-navalny", "50", "Navalny"),
                        tuple("chs-old", "3", "Навальный"));

        CSVRecord moscow = rows.get(2);
        assertThat(moscow.get("before")).as("the words before reach back into the previous segment")
                .isEqualTo("welcome to the naked pravda today Alexei");
        assertThat(moscow.get("after")).as("ten words after, the last six from the next segment")
                .isEqualTo("came back to Moscow the central bank raised the key");
        assertThat(moscow.get("feed")).isEqualTo("the-naked-pravda");
        assertThat(moscow.get("publishedAt")).isEqualTo("2026-01-15T06:00:00Z");
        assertThat(moscow.get("episodeTitle")).isEqualTo("The return of Alexei Navalny");
        assertThat(moscow.get("deepLink")).isEqualTo("https://cdn.example.org/audio/tnp-navalny.mp3#t=11");
        assertThat(moscow.get("link")).isEqualTo(base() + "/episodes/tnp-navalny?t=11&end=11.4");
        assertThat(moscow.get("transcriptSource")).isEqualTo("asr");
        assertThat(moscow.get("confidence")).isEqualTo("0.9");

        CSVRecord later = rows.get(3);
        assertThat(later.get("before")).as("markup in a transcript is text, kept as spoken")
                .isEqualTo("the word <script>alert(1)</script> & friends are quizzical");
        assertThat(later.get("after")).as("nothing after the episode's last segment").isEqualTo("spoke again later");

        CSVRecord russian = rows.get(1);
        assertThat(russian.get("before")).isEqualTo("сегодня");
        assertThat(russian.get("after")).isEqualTo("вернулся в Москву Путинцев заявил о санкциях");
        assertThat(russian.get("episodeTitle")).isEqualTo("Навальный вернулся");
    }

    @Test
    void aPhraseIsOneRowAndARepeatedWordIsARowEachTime() throws IOException {
        assertThat(csv("/api/search/export?q=" + encode("\"central bank\"")))
                .extracting(r -> r.get("episodeId"), r -> r.get("matchSeconds"), r -> r.get("match"),
                        r -> r.get("link"))
                .containsExactly(tuple("tnp-navalny", "20.5", "central bank",
                        base() + "/episodes/tnp-navalny?t=20.5&end=21.4"));

        List<CSVRecord> the = csv("/api/search/export?q=the&feed=the-naked-pravda");
        assertThat(the).extracting(r -> r.get("episodeId") + "@" + r.get("matchSeconds"))
                .as("every 'the' once, in reading order within an episode")
                .containsSubsequence("tnp-navalny@1", "tnp-navalny@20", "tnp-navalny@22", "tnp-navalny@40")
                .doesNotHaveDuplicates();
        assertThat(the).filteredOn(r -> r.get("episodeId").equals("tnp-navalny")
                        && r.get("matchSeconds").startsWith("2") && r.get("matchSeconds").length() == 2)
                .extracting(r -> r.get("before") + " [" + r.get("match") + "] " + r.get("after"))
                .containsExactly(
                        "today Alexei Navalny came back to Moscow [the] central bank raised the key rate again Putintsev "
                                + "said the",
                        "Alexei Navalny came back to Moscow the central bank raised [the] key rate again Putintsev said "
                                + "the sanctions hurt");
    }

    @Test
    void theCsvIsWhatASpreadsheetExpects() {
        HttpResponse<String> response = get("/api/search/export?q=" + encode("Путинцев"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment").contains("podgrep-%D0%BF%D1%83%D1%82%D0%B8%D0%BD%D1%86%D0%B5%D0%B2.csv"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        String body = response.body();
        assertThat(body).as("a byte order mark, so that spreadsheets read Cyrillic as UTF-8").startsWith("\uFEFF");
        assertThat(body.substring(1)).startsWith(String.join(",", KwicRow.COLUMNS) + "\r\n");
        assertThat(body.replace("\r\n", "")).as("lines end with CRLF").doesNotContain("\n");
    }

    @Test
    void jsonLinesHoldTheSameRows() throws IOException {
        HttpResponse<String> response = get("/api/search/export?q=navalny&format=jsonl&lang=ru");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .contains("podgrep-navalny.jsonl"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            lines.add(parse(line));
        }
        assertThat(lines).extracting(l -> l.path("episodeId").asText()).containsExactly("mvk-navalny", "chs-old");
        JsonNode first = lines.getFirst();
        assertThat(iterable(first.fieldNames())).containsExactlyElementsOf(KwicRow.COLUMNS);
        assertThat(first.path("matchSeconds").asDouble()).isEqualTo(0.5);
        assertThat(first.path("confidence").asDouble()).isEqualTo(0.9);
        assertThat(first.path("match").asText()).isEqualTo("Навальный");
        assertThat(first.path("after").asText()).isEqualTo("вернулся в Москву Путинцев заявил о санкциях");
        assertThat(first.path("link").asText()).isEqualTo(base() + "/episodes/mvk-navalny?t=0.5&end=0.9");
    }

    @Test
    void filtersNarrowTheRowsAsTheyNarrowASearch() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "feed=the-naked-pravda", List.of("tnp-football", "tnp-navalny", "tnp-navalny"),
                "lang=en", List.of("tnp-football", "tnp-navalny", "tnp-navalny"),
                "since=2026-02-01", List.of("tnp-football", "mvk-navalny"),
                "until=2026-01-31", List.of("tnp-navalny", "tnp-navalny", "chs-old"),
                "since=2026-01-15&until=2026-01-15", List.of("tnp-navalny", "tnp-navalny"),
                "feed=nobody", List.of());
        for (var filter : expected.entrySet()) {
            assertThat(csv("/api/search/export?q=navalny&" + filter.getKey()))
                    .as(filter.getKey()).extracting(r -> r.get("episodeId")).containsExactlyElementsOf(filter.getValue());
        }
        assertThat(csv("/api/search/export?q=navalny%20-moscow")).as("an excluded word drops the segments")
                .extracting(r -> r.get("episodeId") + "@" + r.get("matchSeconds"))
                .doesNotContain("tnp-navalny@11").contains("tnp-navalny@50", "tnp-football@5");
    }

    @Test
    void whatCannotBeExportedIsRefusedBeforeAnyRow() {
        assertProblem(get("/api/search/export"), 400, "q");
        assertProblem(get("/api/search/export?q=%20%20"), 400, "q");
        assertProblem(get("/api/search/export?q=navalny&format=xlsx"), 400, "format");
        assertProblem(get("/api/search/export?q=navalny&lang=fr"), 400, "lang");
        assertProblem(get("/api/search/export?q=navalny&since=2026-03-01&until=2026-01-01"), 400, "since");
        assertProblem(get("/api/search/export?q=navalny&since=yesterday"), 400, "since");
    }

    @Test
    void anExportOverTheLimitIsRefusedWithTheCountAndHowToNarrowIt() {
        OccurrenceExport limited = new OccurrenceExport(client, segmentsIndex, 4);
        ExportRequest all = new ExportRequest(QueryParser.parse("navalny"), null, null, null, null);
        assertThatThrownBy(() -> limited.checkSize(all)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("5 occurrences match").hasMessageContaining("at most 4")
                .hasMessageContaining("narrow it");
        ExportRequest russian = new ExportRequest(QueryParser.parse("navalny"), null, "ru", null, null);
        assertThat(limited.checkSize(russian)).as("narrowed, it fits").isEqualTo(2);
        assertThat(limited.checkSize(new ExportRequest(QueryParser.parse("\"central bank\""), null, null, null, null)))
                .isEqualTo(1);
    }

    private List<CSVRecord> csv(String path) throws IOException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        String body = response.body();
        assertThat(body).startsWith("\uFEFF");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1)))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(KwicRow.COLUMNS);
            return parser.getRecords();
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
