package dev.podgrep.app.quotes;

import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.Provenance;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.StoredTranscripts;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.app.web.PublicUrl;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cuts quotes out of stored transcripts.
 *
 * <h2>Which words a window includes</h2>
 * A word belongs to the window {@code [start, end)} when its <em>midpoint</em> {@code (word.start + word.end) / 2}
 * does: {@code start <= midpoint < end}. So a word is in when more than half of it is (a word cut exactly in half
 * belongs to the window holding its second half), and two adjacent windows {@code [a, b)} and {@code [b, c)}
 * never share or lose a word. The quote's {@code startSeconds}/{@code endSeconds} are the true start of its first
 * and end of its last word, which may lie slightly outside the requested window.
 *
 * <h2>Limits</h2>
 * {@code start} and {@code end} are finite seconds from the start of the episode, {@code 0 <= start < end}, and the
 * window is at most {@value #MAX_WINDOW_SECONDS} s (10 minutes) long. A window without any word (silence, or past
 * the end of the episode) is answered as not found, naming where the transcript ends.
 */
@Service
public class Quotes {

    /** The longest window that can be quoted at once, in seconds. */
    public static final double MAX_WINDOW_SECONDS = 600;

    private final StoredTranscripts transcripts;
    private final EpisodeStore episodes;
    private final PublicUrl publicUrl;

    public Quotes(StoredTranscripts transcripts, EpisodeStore episodes, PublicUrl publicUrl) {
        this.transcripts = transcripts;
        this.episodes = episodes;
        this.publicUrl = publicUrl;
    }

    /**
     * The quote of an episode between two times.
     *
     * @throws BadRequestException when a time is missing, not finite, negative, or the window is empty or too long
     * @throws NotFoundException   when the episode has no stored transcript, or no word falls in the window
     */
    public Quote quote(String episodeId, Double start, Double end) {
        validate(start, end);
        List<SegmentDocument> segments = transcripts.segmentsOverlapping(episodeId, start, end);
        List<QuotedWord> words = new ArrayList<>();
        for (SegmentDocument segment : segments) {
            for (SegmentDocument.StoredWord w : segment.words()) {
                if (includes(start, end, w.start(), w.end())) {
                    words.add(new QuotedWord(w.word(), w.start(), w.end(), w.conf()));
                }
            }
        }
        if (words.isEmpty()) {
            if (!transcripts.exists(episodeId)) {
                throw new NotFoundException(TranscriptController.noTranscript(episodeId));
            }
            throw new NotFoundException("No word of episode " + episodeId + " is spoken between "
                    + start + " s and " + end + " s.");
        }
        SegmentDocument first = segments.getFirst();
        double from = words.getFirst().start();
        double to = words.stream().mapToDouble(QuotedWord::end).max().orElseThrow();
        return new Quote(words.stream().map(QuotedWord::word).collect(Collectors.joining(" ")), from, to, words,
                Citation.of(first.feed(), episodeId, first.episodeTitle(), first.publishedAt(), from, to),
                publicUrl.moment(episodeId, from, to), provenance(episodeId, first));
    }

    /** From the episode's record of its indexed transcript; from the segment alone when the episode is unknown. */
    private Quote.Source provenance(String episodeId, SegmentDocument segment) {
        Provenance p = episodes.find(episodeId).map(e -> e.state().transcript()).orElse(null);
        if (p == null) {
            return new Quote.Source(segment.transcriptSource(), null, null, null);
        }
        return new Quote.Source(p.source().wireName(), p.model(), p.audioSha256(), p.transcribedAt());
    }

    /** The inclusion rule of the class comment: the word's midpoint lies in {@code [start, end)}. */
    static boolean includes(double start, double end, double wordStart, double wordEnd) {
        double midpoint = (wordStart + wordEnd) / 2;
        return midpoint >= start && midpoint < end;
    }

    private static void validate(Double start, Double end) {
        requireTime("start", start);
        requireTime("end", end);
        if (end <= start) {
            throw new BadRequestException("parameter 'end' (" + end + ") must be after 'start' (" + start + ")");
        }
        if (end - start > MAX_WINDOW_SECONDS) {
            throw new BadRequestException("the window from 'start' to 'end' is " + (end - start)
                    + " s long; at most " + (long) MAX_WINDOW_SECONDS + " s (10 minutes) can be quoted at once");
        }
    }

    private static void requireTime(String name, Double value) {
        if (value == null) {
            throw new BadRequestException("parameter '" + name + "' is required: seconds from the start of the "
                    + "episode, like " + name + "=12.5");
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new BadRequestException("parameter '" + name + "' must be a finite number of seconds, was " + value);
        }
        if (value < 0) {
            throw new BadRequestException("parameter '" + name + "' must be 0 or more seconds, was " + value);
        }
    }
}
