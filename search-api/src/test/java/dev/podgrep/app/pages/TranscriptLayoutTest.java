package dev.podgrep.app.pages;

import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptLayoutTest {

    @Test
    void paragraphsBreakAtLongPausesAndWordsCarryTheirTimesAndMarks() {
        List<SegmentDocument> segments = documents(
                segment(word("Сегодня", 1.0, 1.4, 0.9), word("Навальный", 1.5, 2.1, 0.3)),
                segment(word("вернулся", 2.3, 2.8, 0.95)),
                segment(word("Later", 20.0, 20.4, 1.0), word("on", 20.5, 20.7, 1.0)));
        List<MomentPage.Paragraph> paragraphs = TranscriptLayout.paragraphs(segments, Set.of(1), 2.3, 2.8,
                s -> "/episodes/x?t=" + s);
        assertThat(paragraphs).hasSize(2);
        assertThat(paragraphs.get(0).clock()).isEqualTo("00:01");
        assertThat(paragraphs.get(0).href()).isEqualTo("/episodes/x?t=1.0");
        assertThat(paragraphs.get(0).words()).extracting(MomentPage.Word::text)
                .containsExactly("Сегодня", "Навальный", "вернулся");
        assertThat(paragraphs.get(0).words()).extracting(MomentPage.Word::css)
                .containsExactly("", "low match", "quoted");
        assertThat(paragraphs.get(0).words().get(1).start()).isEqualTo("1.5");
        assertThat(paragraphs.get(0).words().get(1).end()).isEqualTo("2.1");
        assertThat(paragraphs.get(1).clock()).isEqualTo("00:20");
    }

    @Test
    void aParagraphNeverGrowsPastItsLongest() {
        List<Segment> parts = new ArrayList<>();
        double t = 0;
        for (int s = 0; s < 40; s++) {
            List<Word> words = new ArrayList<>();
            for (int w = 0; w < 10; w++, t += 0.3) {
                words.add(word("w", t, t + 0.25, 1.0));
            }
            parts.add(new Segment(words));
        }
        List<SegmentDocument> segments = documents(parts.toArray(Segment[]::new));
        List<MomentPage.Paragraph> paragraphs = TranscriptLayout.paragraphs(segments, Set.of(), null, null, s -> "");
        assertThat(paragraphs).allSatisfy(p -> assertThat(p.words().size()).isLessThanOrEqualTo(TranscriptLayout.LONGEST));
        assertThat(paragraphs.stream().mapToInt(p -> p.words().size()).sum()).isEqualTo(400);
    }

    @Test
    void findUsesTheSearchMatcherAcrossScriptsAndNumbersWordsAcrossSegments() {
        List<SegmentDocument> segments = documents(
                segment(word("Today", 1.0, 1.4, 1), word("Navalny", 1.5, 2.1, 1)),
                segment(word("said", 2.3, 2.8, 1), word("Навальный", 3.0, 3.5, 1)));
        assertThat(TranscriptLayout.find(segments, QueryParser.parse("navalny")))
                .containsExactly(new TranscriptLayout.Found(1, 1.5), new TranscriptLayout.Found(3, 3.0));
        assertThat(TranscriptLayout.find(segments, QueryParser.parse("\"today navalny\"")))
                .containsExactly(new TranscriptLayout.Found(0, 1.0), new TranscriptLayout.Found(1, 1.5));
        assertThat(TranscriptLayout.find(segments, QueryParser.parse("navalny -said")))
                .containsExactly(new TranscriptLayout.Found(1, 1.5));
    }

    @Test
    void secondsAreWrittenAsThePublicLinksWriteThem() {
        for (double v : new double[]{0, 0.004, 0.005, 0.05, 0.1, 0.25, 1, 12.5, 61.25, 61.999, 3600.36, 7199.994}) {
            assertThat(TranscriptLayout.seconds(v)).as("%s", v).isEqualTo(dev.podgrep.app.web.PublicUrl.seconds(v));
        }
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextDouble() * 8000;
            assertThat(TranscriptLayout.seconds(v)).as("%s", v).isEqualTo(dev.podgrep.app.web.PublicUrl.seconds(v));
        }
    }

    @Test
    void wordsAreWrittenAsEscapedHtmlWithTheirTimes() {
        MomentPage.Paragraph p = new MomentPage.Paragraph("1", "00:01", "", List.of(
                new MomentPage.Word("<b>\"AT&T\"</b>", "1", "1.5", ""), new MomentPage.Word("it's", "1.6", "2", "low match")));
        assertThat(p.html()).isEqualTo("<span class=\"word\" data-start=\"1\" data-end=\"1.5\">"
                + "&lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt;</span> "
                + "<span class=\"word low match\" data-start=\"1.6\" data-end=\"2\">it&#39;s</span> ");
    }

    /** Segments as the indexer stores them (and the moment page reads them back). */
    private static List<SegmentDocument> documents(Segment... segments) {
        Episode episode = new Episode("x", "f", "ru", "guid-x", "T", null, "", null,
                new Enclosure("https://example.org/x.mp3", "audio/mpeg", 0), 30.0, List.of());
        return TranscriptIndexer.documents(episode, new TimedTranscript(List.of(segments), TranscriptSource.ASR, "ru",
                true));
    }

    private static Segment segment(Word... words) {
        return new Segment(List.of(words));
    }

    private static Word word(String text, double start, double end, double conf) {
        return Word.measured(text, start, end, conf);
    }
}
