package dev.podgrep.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.Provenance;
import dev.podgrep.app.quotes.Quote;
import dev.podgrep.app.quotes.Quotes;
import dev.podgrep.app.search.query.ParsedQuery;
import dev.podgrep.app.search.query.QueryParser;
import dev.podgrep.app.segments.SegmentDocument;
import dev.podgrep.app.segments.StoredTranscripts;
import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
import dev.podgrep.app.web.PublicUrl;
import dev.podgrep.transcribe.audio.AudioClipper;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The moment page ({@code GET /episodes/{id}?t=&end=&q=}): the player from {@code t}, the whole transcript as
 * timed words, the quote of {@code t..end} (from {@link Quotes}, the quote API's service), and a search inside the
 * episode ({@code q}) with the search's own parser and word matcher ({@link EpisodeFindController} answers the same
 * for the page's script).
 */
@Controller
@Hidden   // pages, not the JSON API: left out of /v3/api-docs
class MomentPageController {

    /** Matches listed as links on the page (the script jumps through all of them). */
    static final int LISTED_MATCHES = 50;

    private final EpisodeStore episodes;
    private final StoredTranscripts transcripts;
    private final Quotes quotes;
    private final PageText text;

    MomentPageController(EpisodeStore episodes, StoredTranscripts transcripts, Quotes quotes, PageText text) {
        this.episodes = episodes;
        this.transcripts = transcripts;
        this.quotes = quotes;
        this.text = text;
    }

    @GetMapping("/episodes/{id}")
    String moment(@PathVariable String id, @RequestParam(required = false) Double t,
                  @RequestParam(required = false) Double end, @RequestParam(required = false) String q,
                  HttpServletRequest request, Locale locale, Model model) {
        if (t != null && (t.isNaN() || t.isInfinite() || t < 0)) {
            throw new BadRequestException(text.format("moment.bad-time", locale, "t", String.valueOf(t)));
        }
        Optional<EpisodeRecord> record = episodes.find(id);
        List<SegmentDocument> segments = transcripts.segments(id);
        if (record.isEmpty() && segments.isEmpty()) {
            throw new NotFoundException(text.format("moment.unknown", locale, id));
        }
        PageLinks links = PageLinks.of(request);
        PageFormats formats = new PageFormats(locale);
        SegmentDocument first = segments.isEmpty() ? null : segments.getFirst();
        String title = record.map(EpisodeRecord::title).orElse(first == null ? null : first.episodeTitle());
        String feed = record.map(EpisodeRecord::feed).orElse(first == null ? null : first.feed());
        String language = record.map(EpisodeRecord::language).orElse(first == null ? null : first.language());
        Instant published = record.map(r -> r.listing().publishedAt()).orElse(null);
        String publishedIso = published != null ? published.toString() : first == null ? null : first.publishedAt();
        String audio = record.map(r -> r.listing().audioUrl()).orElse(first == null ? null : first.audioUrl());
        String episodeUrl = record.map(r -> r.listing().episodeUrl()).orElse(first == null ? null : first.episodeUrl());

        String q2 = q == null || q.isBlank() ? null : q.strip();
        MomentPage.Find find = null;
        Set<Integer> matched = new HashSet<>();
        if (q2 != null) {
            try {
                ParsedQuery query = QueryParser.parse(q2);
                List<TranscriptLayout.Found> found = TranscriptLayout.find(segments, query);
                found.forEach(f -> matched.add(f.word()));
                find = new MomentPage.Find(q2, text.format("moment.find.summary", locale, found.size()),
                        found.stream().limit(LISTED_MATCHES).map(f -> new SearchPage.Link(PageFormats.clock(f.start()),
                                links.moment(id, f.start(), null, q2))).toList(), null);
            } catch (BadRequestException e) {
                find = new MomentPage.Find(q2, "", List.of(), e.getMessage());
            }
        }

        MomentPage.QuoteView quote = null;
        String quoteError = null;
        if (t != null && end != null) {
            try {
                Quote asked = quotes.quote(id, t, end);
                quote = quoteView(id, asked);
            } catch (BadRequestException | NotFoundException e) {
                quoteError = e.getMessage();
            }
        }
        String notice = notice(record, segments, locale);
        List<MomentPage.Paragraph> paragraphs = TranscriptLayout.paragraphs(segments, matched,
                quote == null ? null : Double.valueOf(quote.start()), quote == null ? null : Double.valueOf(quote.end()),
                s -> links.moment(id, s, null, q2));
        int words = segments.stream().mapToInt(s -> s.words().size()).sum();
        String start = t == null ? null : PublicUrl.seconds(t);
        String source = audio == null ? null : t == null ? audio : withoutFragment(audio) + "#t=" + start;
        model.addAttribute("page", new MomentPage(id, title == null || title.isBlank() ? id : title, feed, language,
                formats.date(publishedIso), publishedIso == null ? "" : publishedIso, episodeUrl, source, start,
                notice, provenance(record.map(r -> r.state().transcript()).orElse(null), first, segments, formats,
                        locale),
                TranscriptLayout.anyLow(segments), paragraphs, words, find, quote, quoteError,
                q2 == null ? null : links.search(java.util.Map.of("q", q2))));
        return "episode";
    }

    static MomentPage.QuoteView quoteView(String id, Quote quote) {
        String start = PublicUrl.seconds(quote.startSeconds());
        String end = PublicUrl.seconds(quote.endSeconds());
        String clip = quote.endSeconds() - quote.startSeconds() <= AudioClipper.MAX_CLIP_SECONDS
                ? "/api/episodes/" + id + "/clip?start=" + start + "&end=" + end : null;
        return new MomentPage.QuoteView(quote.text(), PageFormats.clock(quote.startSeconds()) + "–"
                + PageFormats.clock(Math.ceil(quote.endSeconds())), quote.citation(), quote.link(), clip, start, end);
    }

    private String notice(Optional<EpisodeRecord> record, List<SegmentDocument> segments, Locale locale) {
        if (!segments.isEmpty()) {
            boolean partial = segments.stream().anyMatch(s -> Boolean.FALSE.equals(s.complete()));
            return partial ? text.get("moment.partial", locale) : null;
        }
        EpisodeStatus status = record.map(EpisodeRecord::status).orElse(EpisodeStatus.NEW);
        if (status == EpisodeStatus.FAILED) {
            return text.format("moment.failed", locale, record.map(r -> r.state().error()).orElse(""));
        }
        return text.format("moment.not-yet", locale, text.get("status." + status.name(), locale));
    }

    private String provenance(Provenance p, SegmentDocument first, List<SegmentDocument> segments,
                              PageFormats formats, Locale locale) {
        if (first == null) {
            return null;
        }
        boolean publisher = p != null ? p.source() == TranscriptSource.PUBLISHER : "publisher".equals(first.transcriptSource());
        String when = p == null || p.transcribedAt() == null ? "" : formats.date(p.transcribedAt());
        if (publisher) {
            boolean estimated = segments.stream().flatMap(s -> s.words().stream())
                    .anyMatch(SegmentDocument.StoredWord::interpolated);
            return text.format("provenance.publisher", locale, when.isEmpty() ? "none" : "some", when)
                    + (estimated ? " " + text.get("provenance.estimated", locale) : "");
        }
        String model = p == null ? null : p.model();
        String sha = p == null ? null : p.audioSha256();
        return text.format("provenance.asr", locale, model == null ? "none" : "some", model == null ? "" : model,
                sha == null ? "none" : "some", sha == null ? "" : sha, when.isEmpty() ? "none" : "some", when);
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
