package dev.podgrep.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.web.BadRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export's two formats on hostile text from feeds: a CSV reader gets every cell back as written (commas, quotes,
 * line breaks, Cyrillic), except that a cell a spreadsheet would run as a formula starts with an apostrophe; JSON
 * lines keep the text as it is.
 */
class ExportFormatTest {

    private static final KwicRow HOSTILE = new KwicRow("ep-1", "feed", "2026-01-15T06:00:00Z",
            "=HYPERLINK(\"http://evil.example/\",\"click\")", 61.25, "-2+3 said \"he\", then", "@SUM(A1)",
            "+1 line\r\nbreak, Навальный", "https://cdn.example.org/a.mp3#t=61",
            "http://podgrep.example/episodes/ep-1?t=61.25&end=61.9", "asr", 0.875);

    @Test
    void csvCellsReadBackExactlyAndFormulasAreDisarmed() throws IOException {
        String csv = write(ExportFormat.CSV, HOSTILE);
        assertThat(csv).startsWith("\uFEFF");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1)))) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize(1);
        CSVRecord row = records.getFirst();
        assertThat(row.get("episodeTitle")).isEqualTo("'=HYPERLINK(\"http://evil.example/\",\"click\")");
        assertThat(row.get("before")).isEqualTo("'-2+3 said \"he\", then");
        assertThat(row.get("match")).isEqualTo("'@SUM(A1)");
        assertThat(row.get("after")).isEqualTo("'+1 line\r\nbreak, Навальный");
        assertThat(row.get("matchSeconds")).isEqualTo("61.25");
        assertThat(row.get("confidence")).isEqualTo("0.875");
        assertThat(row.get("link")).isEqualTo(HOSTILE.link());
        assertThat(row.get("deepLink")).isEqualTo(HOSTILE.deepLink());
    }

    @Test
    void jsonLinesKeepTheTextAsItIs() throws IOException {
        String jsonl = write(ExportFormat.JSONL, HOSTILE, HOSTILE);
        String[] lines = jsonl.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode row = new ObjectMapper().readTree(lines[0]);
        assertThat(row.path("episodeTitle").asText()).isEqualTo(HOSTILE.episodeTitle());
        assertThat(row.path("after").asText()).isEqualTo(HOSTILE.after());
        assertThat(row.path("matchSeconds").asDouble()).isEqualTo(61.25);
    }

    @Test
    void numbersArePlainDecimals() {
        assertThat(ExportFormat.number(13.5)).isEqualTo("13.5");
        assertThat(ExportFormat.number(3600.0)).isEqualTo("3600");
        assertThat(ExportFormat.number(0.0000001)).isEqualTo("0.0000001");
    }

    @Test
    void anUnknownFormatIsABadRequest() {
        assertThat(ExportFormat.of(" JSONL ")).isEqualTo(ExportFormat.JSONL);
        assertThatThrownBy(() -> ExportFormat.of("xlsx")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("csv or jsonl");
    }

    private static String write(ExportFormat format, KwicRow... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportFormat.RowWriter writer = format.open(out)) {
            for (KwicRow row : rows) {
                writer.accept(row);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
