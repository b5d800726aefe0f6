package dev.podgrep.app.quotes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podgrep.app.web.ApiCorpus;
import dev.podgrep.app.web.ApiTestSupport;
import dev.podgrep.transcribe.format.PodgrepJsonTranscriptFormat;
import dev.podgrep.transcribe.format.SrtTranscriptFormat;
import dev.podgrep.transcribe.format.WebVttTranscriptFormat;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /api/episodes/{id}/transcript} in every format, each parsed back with transcribe's readers, and
 * {@code GET /api/episodes/{id}/quote} at word edges, across segments, past an hour, and every refusal.
 */
class TranscriptApiTest extends ApiTestSupport {

    private static final TimedTranscript TNP = ApiCorpus.TRANSCRIPTS.get("tnp-navalny");
    private static final TimedTranscript MVK = ApiCorpus.TRANSCRIPTS.get("mvk-navalny");

    private HttpResponse<String> transcript(String id, String format) {
        HttpResponse<String> response = get("/api/episodes/" + id + "/transcript?format=" + format);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void jsonIsTheStoredTranscriptWordForWord() throws Exception {
        HttpResponse<String> response = transcript("tnp-navalny", "json");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(new PodgrepJsonTranscriptFormat().read(response.body())).isEqualTo(TNP);

        HttpResponse<String> russian = get("/api/episodes/mvk-navalny/transcript"); // json is the default
        assertThat(russian.statusCode()).isEqualTo(200);
        assertThat(new PodgrepJsonTranscriptFormat().read(russian.body())).isEqualTo(MVK);
        assertThat(russian.body()).contains("Навальный");
    }

    @Test
    void srtHasOneCuePerSegmentWithTheSegmentsTimes() throws Exception {
        HttpResponse<String> response = transcript("tnp-navalny", "srt");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-subrip;charset=UTF-8");
        assertSameCues(new SrtTranscriptFormat().parse(response.body(), "en"), TNP);
        assertSameCues(new SrtTranscriptFormat().parse(transcript("mvk-navalny", "srt").body(), "ru"), MVK);
    }

    @Test
    void vttHasOneCuePerSegmentWithTheSegmentsTimes() throws Exception {
        HttpResponse<String> response = transcript("tnp-navalny", "VTT");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/vtt;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("tnp-navalny.vtt"));
        assertThat(response.body()).startsWith("WEBVTT").contains("&lt;script&gt;");
        assertSameCues(new WebVttTranscriptFormat().parse(response.body(), "en"), TNP);
        assertSameCues(new WebVttTranscriptFormat().parse(transcript("mvk-navalny", "vtt").body(), "ru"), MVK);
    }

    @Test
    void txtHasOneLinePerSegment() {
        HttpResponse<String> response = transcript("mvk-navalny", "txt");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).containsExactlyElementsOf(MVK.segments().stream().map(Segment::text).toList());
    }

    private static void assertSameCues(TimedTranscript parsed, TimedTranscript original) {
        assertThat(parsed.segments()).hasSameSizeAs(original.segments());
        for (int i = 0; i < original.segments().size(); i++) {
            Segment expected = original.segments().get(i);
            Segment actual = parsed.segments().get(i);
            assertThat(actual.text()).isEqualTo(expected.text());
            assertThat(actual.start()).isCloseTo(expected.start(), within(0.0005));
            assertThat(actual.end()).isCloseTo(expected.end(), within(0.0005));
        }
    }

    @Test
    void anUnknownEpisodeHasNoTranscript() {
        assertProblem(get("/api/episodes/no-such-episode/transcript"), 404, "no-such-episode");
        assertProblem(get("/api/episodes/no-such-episode/transcript?format=srt"), 404, "No transcript");
    }

    @Test
    void anUnknownFormatIsABadRequest() {
        assertProblem(get("/api/episodes/tnp-navalny/transcript?format=docx"), 400, "format");
    }

    // "today Alexei Navalny came back to Moscow" from 10.0: today 10.0-10.4, Alexei 10.5-10.9 (midpoint 10.7),
    // Navalny 11.0-11.4 (11.2), came 11.5-11.9, back 12.0-12.4, to 12.5-12.9, Moscow 13.0-13.4

    private JsonNode quote(String id, String start, String end) {
        return getJson("/api/episodes/" + id + "/quote?start=" + start + "&end=" + end);
    }

    private static List<String> words(JsonNode quote) {
        List<String> words = new ArrayList<>();
        quote.path("words").forEach(w -> words.add(w.path("word").asText()));
        return words;
    }

    @Test
    void aQuoteHasTheExactWordsTheirTimesAndACitation() {
        JsonNode quote = quote("tnp-navalny", "10.5", "11.4");
        assertThat(quote.path("text").asText()).isEqualTo("Alexei Navalny");
        assertThat(quote.path("startSeconds").asDouble()).isEqualTo(10.5);
        assertThat(quote.path("endSeconds").asDouble()).isEqualTo(11.4);
        JsonNode navalny = quote.path("words").get(1);
        assertThat(navalny.path("word").asText()).isEqualTo("Navalny");
        assertThat(navalny.path("start").asDouble()).isEqualTo(11.0);
        assertThat(navalny.path("end").asDouble()).isEqualTo(11.4);
        assertThat(navalny.path("conf").asDouble()).isEqualTo(0.9);
        assertThat(quote.path("citation").asText())
                .isEqualTo("the-naked-pravda — \"The return of Alexei Navalny\" (2026-01-15), 00:10–00:12");
        assertThat(quote.path("link").asText()).isEqualTo(uri("/episodes/tnp-navalny?t=10.5&end=11.4").toString());
        assertThat(quote.path("provenance").path("transcriptSource").asText()).isEqualTo("asr");
    }

    @Test
    void aWordIsInWhenItsMidpointIsInTheWindowStartInclusiveEndExclusive() {
        // midpoint of Alexei exactly at start: in; midpoint of Navalny exactly at end: out
        assertThat(words(quote("tnp-navalny", "10.7", "11.2"))).containsExactly("Alexei");
        // a hair later, Alexei's midpoint is before the window and Navalny's inside
        assertThat(words(quote("tnp-navalny", "10.71", "11.21"))).containsExactly("Navalny");
        // a window covering less than half of a word does not include it
        assertThat(words(quote("tnp-navalny", "10.8", "11.3"))).containsExactly("Navalny");
        // the quote's times are the words' own, not the window's
        JsonNode partial = quote("tnp-navalny", "10.71", "11.21");
        assertThat(partial.path("startSeconds").asDouble()).isEqualTo(11.0);
        assertThat(partial.path("endSeconds").asDouble()).isEqualTo(11.4);
    }

    @Test
    void adjacentWindowsShareNoWordAndLoseNone() {
        List<String> all = new ArrayList<>(words(quote("tnp-navalny", "10", "11.2")));
        all.addAll(words(quote("tnp-navalny", "11.2", "13.5")));
        assertThat(String.join(" ", all)).isEqualTo("today Alexei Navalny came back to Moscow");
    }

    @Test
    void aQuoteRunsAcrossSegments() {
        JsonNode quote = quote("tnp-navalny", "12.7", "21");
        assertThat(quote.path("text").asText()).isEqualTo("to Moscow the central");
        assertThat(quote.path("startSeconds").asDouble()).isEqualTo(12.5);
        assertThat(quote.path("endSeconds").asDouble()).isEqualTo(20.9);
    }

    @Test
    void pastAnHourTheCitationHasHours() {
        JsonNode quote = quote("chs-old", "3724", "3727");
        assertThat(quote.path("text").asText()).isEqualTo("в конце часа");
        assertThat(quote.path("citation").asText())
                .isEqualTo("chto-sluchilos — \"Старый выпуск\" (2025-06-01), 1:02:05–1:02:07");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "end=12                 | start",
            "start=10               | end",
            "start=-1&end=12        | start",
            "start=NaN&end=12       | start",
            "start=10&end=Infinity  | end",
            "start=abc&end=12       | start",
            "start=12&end=12        | end",
            "start=12&end=11        | end",
            "start=0&end=600.5      | 600",
    })
    void badWindowsAreBadRequests(String query, String detail) {
        assertProblem(get("/api/episodes/tnp-navalny/quote?" + query.strip()), 400, detail.strip());
    }

    @Test
    void tenMinutesCanBeQuoted() {
        assertThat(quote("tnp-navalny", "0", "600").path("words").size()).isEqualTo(TNP.wordCount());
    }

    @Test
    void anUnknownEpisodeOrAWindowWithoutWordsIsNotFound() {
        assertProblem(get("/api/episodes/no-such-episode/quote?start=1&end=2"), 404, "No transcript");
        assertProblem(get("/api/episodes/tnp-navalny/quote?start=100&end=110"), 404, "No word");
        assertProblem(get("/api/episodes/tnp-navalny/quote?start=2.45&end=9.99"), 404, "No word");
    }
}
