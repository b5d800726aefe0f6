package dev.podgrep.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import dev.podgrep.app.episodes.EpisodePage;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.feeds.FeedRegistry;
import dev.podgrep.app.ingestion.Backlog;
import dev.podgrep.app.ingestion.EpisodeProgress;
import dev.podgrep.app.ingestion.IngestionService;
import dev.podgrep.app.ingestion.IngestionStatus;
import dev.podgrep.app.ingestion.RunSummary;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;
import java.util.Locale;

/**
 * The operators' page ({@code GET /ops}), read-only: the feed registry's fetch states, the ingestion's status (the
 * same as {@code GET /api/ingest/status}, which the page's script polls to move the progress bars) with its backlog,
 * and the failed episodes from the episode store. {@code GET /ops/state} is the part below the run alone, which the
 * script reloads when a run ends.
 */
@Controller
@Hidden   // pages, not the JSON API: left out of /v3/api-docs
class OpsPageController {

    /** Failed episodes listed. */
    static final int FAILED_SHOWN = 50;

    private final FeedRegistry feeds;
    private final EpisodeStore episodes;
    private final IngestionService ingestion;
    private final PageText text;

    OpsPageController(FeedRegistry feeds, EpisodeStore episodes, IngestionService ingestion, PageText text) {
        this.feeds = feeds;
        this.episodes = episodes;
        this.ingestion = ingestion;
        this.text = text;
    }

    @GetMapping("/ops")
    String ops(HttpServletRequest request, Locale locale, Model model) {
        model.addAttribute("page", page(PageLinks.of(request), locale));
        return "ops";
    }

    @GetMapping("/ops/state")
    String state(HttpServletRequest request, Locale locale, Model model) {
        model.addAttribute("page", page(PageLinks.of(request), locale));
        return "ops :: state";
    }

    private OpsPage page(PageLinks links, Locale locale) {
        PageFormats formats = new PageFormats(locale);
        List<OpsPage.FeedRow> feedRows = feeds.list().stream().map(f -> feedRow(f, formats, locale)).toList();
        IngestionStatus status = ingestion.status();
        Backlog backlog = status.backlog();
        EpisodePage failed = episodes.list(null, EpisodeStatus.FAILED, 0, FAILED_SHOWN);
        String backlogText = backlog == null ? text.get("ops.backlog.unknown", locale)
                : text.format("ops.backlog.summary", locale, backlog.episodes(),
                        formats.decimal(backlog.audioHours(), 1), backlog.episodesWithoutDuration());
        String estimate = backlog == null || backlog.audioHours() == 0 || backlog.estimatedDoneAt() == null ? null
                : text.format("ops.backlog.estimate", locale, formats.dateTime(backlog.estimatedDoneAt()));
        return new OpsPage(feedRows, status.running() && status.currentRun() != null
                ? run(status.currentRun(), status.episodes(), formats, locale) : null,
                status.lastRun() == null ? null : run(status.lastRun(), List.of(), formats, locale), backlogText,
                estimate,
                failed.items().stream().map(e -> failedRow(e, formats, links)).toList(), failed.total());
    }

    private OpsPage.FeedRow feedRow(FeedRecord f, PageFormats formats, Locale locale) {
        String outcome = f.lastOutcome() == null ? "" : text.get("ops.outcome." + f.lastOutcome(), locale);
        String css = f.lastOutcome() == null ? "" : "failed".equals(f.lastOutcome()) ? "failed" : "ok";
        return new OpsPage.FeedRow(f.name(), f.title(), f.language(), f.url(), formats.dateTime(f.lastFetchedAt()),
                f.lastFetchedAt() == null ? "" : f.lastFetchedAt().toString(), outcome, css, f.lastError(),
                f.episodes() == null ? "" : formats.number(f.episodes()), f.isStopped());
    }

    private OpsPage.Run run(RunSummary run, List<EpisodeProgress> progress, PageFormats formats, Locale locale) {
        return new OpsPage.Run(formats.dateTime(run.startedAt()), PageFormats.iso(run.startedAt()),
                formats.dateTime(run.finishedAt()), run.trigger(),
                text.format("ops.run.counts", locale, run.episodesSeen(), run.episodesIndexed(), run.episodesFailed(),
                        run.episodesWaiting()),
                progress.stream().map(p -> new OpsPage.Progress(p.episodeId(), p.title(), p.feed(),
                        text.get("stage." + p.stage().name(), locale), p.percent())).toList());
    }

    private static OpsPage.FailedRow failedRow(EpisodeRecord e, PageFormats formats, PageLinks links) {
        return new OpsPage.FailedRow(e.id(), e.title() == null || e.title().isBlank() ? e.id() : e.title(), e.feed(),
                formats.date(e.listing().publishedAt()), e.state().attempts(), e.state().error(),
                links.moment(e.id(), null, null, null));
    }
}
