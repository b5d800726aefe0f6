package dev.podgrep.app.pages;

import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.WordMatcher;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.web.PublicUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lays an episode's stored segments out for reading: paragraphs of timed words, and which words a search inside the
 * episode finds. Words are numbered 0, 1, 2… across the whole transcript in time order, the order they appear on
 * the page.
 */
final class TranscriptLayout {

    /** A new paragraph starts after a pause this long… */
    static final double LONG_PAUSE = 8.0;
    /** …or after a shorter pause once the paragraph has {@link #FULL} words… */
    static final double PAUSE = 1.0;
    static final int FULL = 30;
    /** …and always before it grows past this many words. */
    static final int LONGEST = 150;
    /** Recogniser confidence below which a word is shown as uncertain. */
    static final double LOW_CONFIDENCE = 0.5;

    private TranscriptLayout() {
    }

    /**
     * The paragraphs of a transcript.
     *
     * @param matched    word numbers found by a search inside the episode (marked {@code match})
     * @param quoteStart with {@code quoteEnd}: the quote's first word's start and last word's end (its words are
     *                   marked {@code quoted}); null when there is none
     * @param href       the link of a paragraph from its start, in seconds
     */
    static List<MomentPage.Paragraph> paragraphs(List<SegmentDocument> segments, Set<Integer> matched,
                                                 Double quoteStart, Double quoteEnd,
                                                 java.util.function.DoubleFunction<String> href) {
        List<MomentPage.Paragraph> paragraphs = new ArrayList<>();
        List<MomentPage.Word> words = new ArrayList<>();
        double paragraphStart = 0;
        double lastEnd = Double.NaN;
        int n = 0;
        for (SegmentDocument segment : segments) {
            if (segment.words().isEmpty()) {
                continue;
            }
            double gap = Double.isNaN(lastEnd) ? 0 : segment.words().getFirst().start() - lastEnd;
            if (!words.isEmpty() && (gap >= LONG_PAUSE || words.size() >= FULL && gap >= PAUSE
                    || words.size() + segment.words().size() > LONGEST)) {
                paragraphs.add(paragraph(paragraphStart, words, href));
                words = new ArrayList<>();
            }
            if (words.isEmpty()) {
                paragraphStart = segment.words().getFirst().start();
            }
            for (SegmentDocument.StoredWord w : segment.words()) {
                StringBuilder css = new StringBuilder();
                if (w.conf() < LOW_CONFIDENCE) {
                    css.append("low");
                }
                if (matched.contains(n)) {
                    css.append(css.isEmpty() ? "" : " ").append("match");
                }
                if (quoteStart != null && w.start() >= quoteStart - 1e-6 && w.end() <= quoteEnd + 1e-6) {
                    css.append(css.isEmpty() ? "" : " ").append("quoted");
                }
                words.add(new MomentPage.Word(w.word(), seconds(w.start()), seconds(w.end()), css.toString()));
                lastEnd = Math.max(Double.isNaN(lastEnd) ? 0 : lastEnd, w.end());
                n++;
            }
        }
        if (!words.isEmpty()) {
            paragraphs.add(paragraph(paragraphStart, words, href));
        }
        return paragraphs;
    }

    private static MomentPage.Paragraph paragraph(double start, List<MomentPage.Word> words,
                                                  java.util.function.DoubleFunction<String> href) {
        return new MomentPage.Paragraph(PublicUrl.seconds(start), PageFormats.clock(start), href.apply(start),
                List.copyOf(words));
    }

    /**
     * Seconds as a short plain decimal, the same as {@link PublicUrl#seconds} ({@code 61}, {@code 61.5},
     * {@code 61.25}) without a formatter per call (a long transcript has 40,000 of them).
     */
    static String seconds(double value) {
        long hundredths = Math.round(value * 100);
        long whole = hundredths / 100;
        int fraction = (int) Math.abs(hundredths % 100);
        String sign = hundredths < 0 && whole == 0 ? "-" : "";
        if (fraction == 0) {
            return sign + whole;
        }
        return sign + whole + (fraction % 10 == 0 ? "." + fraction / 10 : fraction < 10 ? ".0" + fraction : "." + fraction);
    }

    /** A word found by a search inside the episode: its number and start. */
    record Found(int word, double start) {
    }

    /**
     * The words a query finds in the transcript, segment by segment, with the search's own matcher
     * ({@link WordMatcher}: the same names across scripts, phrases and near misses as the search page).
     */
    static List<Found> find(List<SegmentDocument> segments, ParsedQuery query) {
        List<Found> found = new ArrayList<>();
        int offset = 0;
        for (SegmentDocument segment : segments) {
            List<String> words = segment.words().stream().map(SegmentDocument.StoredWord::word).toList();
            var match = WordMatcher.matchWords(words, query);
            if (match.matches()) {
                for (int i : match.matchedWords()) {
                    if (i >= 0 && i < words.size()) {
                        found.add(new Found(offset + i, segment.words().get(i).start()));
                    }
                }
            }
            offset += words.size();
        }
        return found;
    }

    /** Whether any word of the transcript is shown as uncertain. */
    static boolean anyLow(List<SegmentDocument> segments) {
        return segments.stream().flatMap(s -> s.words().stream()).anyMatch(w -> w.conf() < LOW_CONFIDENCE);
    }
}
