package dev.podgrep.app.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.web.BadRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the rows are written: {@code csv} (RFC 4180: a header, comma separated, fields quoted when they hold a comma,
 * quote or line break, CRLF line ends; UTF-8 with a byte order mark so that spreadsheet programs read Cyrillic
 * right) or {@code jsonl} (one JSON object per line, UTF-8).
 *
 * <p>In CSV, text that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe:
 * transcripts and titles come from feeds podgrep does not control, and a spreadsheet would run such a cell as a
 * formula (CSV injection). JSON lines hold the text as it is.
 */
public enum ExportFormat {

    CSV(new MediaType("text", "csv", StandardCharsets.UTF_8), "csv"),
    JSONL(new MediaType("application", "x-ndjson", StandardCharsets.UTF_8), "jsonl");

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final MediaType mediaType;
    private final String extension;

    ExportFormat(MediaType mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The {@code format} parameter's value. */
    public static ExportFormat of(String format) {
        return switch (format == null ? "" : format.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl" -> JSONL;
            default -> throw new BadRequestException("parameter 'format' must be csv or jsonl, was '" + format + "'");
        };
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** A writer of rows onto {@code out}; closing it flushes but leaves {@code out} open. */
    public RowWriter open(OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8), 1 << 16);
        return switch (this) {
            case CSV -> new CsvRows(text);
            case JSONL -> new JsonRows(text);
        };
    }

    /** Writes rows; {@link #flush()} pushes what is buffered to the client. */
    public interface RowWriter extends OccurrenceExport.RowSink, Closeable {
        void flush() throws IOException;
    }

    private static final class CsvRows implements RowWriter {
        private final Writer text;
        private final CSVPrinter printer;

        CsvRows(Writer text) throws IOException {
            this.text = text;
            text.write('\uFEFF');
            this.printer = CSVFormat.RFC4180.builder().setHeader(KwicRow.COLUMNS.toArray(String[]::new)).get()
                    .print(text);
        }

        @Override
        public void accept(KwicRow row) throws IOException {
            printer.printRecord(safe(row.episodeId()), safe(row.feed()), safe(row.publishedAt()),
                    safe(row.episodeTitle()), number(row.matchSeconds()), safe(row.before()), safe(row.match()),
                    safe(row.after()), safe(row.deepLink()), safe(row.link()), safe(row.transcriptSource()),
                    number(row.confidence()));
        }

        @Override
        public void flush() throws IOException {
            printer.flush();
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
            text.close();
        }

        /** Text a spreadsheet must not run as a formula gets a leading apostrophe; null is an empty field. */
        static String safe(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            char first = value.charAt(0);
            return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                    ? "'" + value : value;
        }
    }

    private static final class JsonRows implements RowWriter {
        private final Writer text;

        JsonRows(Writer text) {
            this.text = text;
        }

        @Override
        public void accept(KwicRow row) throws IOException {
            JSON.writeValue(text, row);
            text.write('\n');
        }

        @Override
        public void flush() throws IOException {
            text.flush();
        }

        @Override
        public void close() throws IOException {
            text.close();
        }
    }

    /** A number without exponent or trailing zeros: {@code 13.5}, {@code 0.92}, {@code 1}. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Leaves the response stream open for the servlet container to finish. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
