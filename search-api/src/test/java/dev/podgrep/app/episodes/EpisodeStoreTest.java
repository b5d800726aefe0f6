package dev.podgrep.app.episodes;

import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Episode state and claims on the real local Elasticsearch. */
class EpisodeStoreTest {

    private static final Provenance ASR = Provenance.asr("vosk-model-test", "00ff",
            Instant.parse("2026-05-01T12:00:00Z"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private IndexNames names;
    private EpisodeStore store;

    @BeforeEach
    void freshIndex() {
        names = new IndexNames(TestElasticsearch.uniquePrefix("episodes"));
        store = new EpisodeStore(TestElasticsearch.client(), names, Duration.ofMinutes(10), 3, clock);
    }

    private static Episode episode(String guid, String title, String published, String audioUrl) {
        return new Episode(EpisodeId.of("feed-a", guid), "feed-a", "en", guid, title,
                published == null ? null : Instant.parse(published), "notes", "https://example.org/" + guid,
                audioUrl == null ? null : new Enclosure(audioUrl, "audio/mpeg", 10), 60.0, List.of());
    }

    private EpisodeStore.ListingChanges list(Episode... episodes) {
        return store.recordListing("feed-a", List.of(episodes));
    }

    @Test
    void aNewEpisodeIsNewAndARelistingKeepsItsState() {
        Episode first = episode("g1", "Old title", "2026-01-01T10:00:00Z", "https://cdn.example.org/1.mp3");
        assertThat(list(first)).isEqualTo(new EpisodeStore.ListingChanges(1, 0, 0, 0));
        EpisodeClaim claim = store.claim(first.id(), "me").orElseThrow();
        store.downloaded(claim, "/data/audio/x.mp3", first.audioUrl());

        assertThat(list(episode("g1", "New title", "2026-01-01T10:00:00Z", "https://cdn.example.org/1.mp3")))
                .isEqualTo(new EpisodeStore.ListingChanges(0, 1, 0, 0));

        EpisodeRecord record = store.find(first.id()).orElseThrow();
        assertThat(record.title()).isEqualTo("New title");
        assertThat(record.listing().publishedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(record.listing().firstSeenAt()).isEqualTo(clock.instant());
        assertThat(record.status()).isEqualTo(EpisodeStatus.DOWNLOADED);
        assertThat(record.claim().holder()).isEqualTo("me");
        assertThat(record.state().audioFile()).isEqualTo("/data/audio/x.mp3");
        assertThat(store.find("feed-a-0000000000000000")).isEmpty();
    }

    @Test
    void listIsNewestFirstWithAnExactTotalAndFiltersAndShowsEveryReportedChangeAtOnce() {
        List<Episode> episodes = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            episodes.add(episode("g" + i, "Episode " + i, "2026-01-%02dT10:00:00Z".formatted(i), "https://x/" + i));
        }
        episodes.add(episode("undated", "No date", null, "https://x/u"));
        store.recordListing("feed-a", episodes);
        assertThat(store.list(null, null, 0, 10).total()).as("the listing shows at once").isEqualTo(26);

        EpisodeClaim claim = store.claim(EpisodeId.of("feed-a", "g3"), "me").orElseThrow();
        store.failed(claim, "HTTP 404 Not Found for https://x/3", false);

        EpisodePage first = store.list(null, null, 0, 10);
        assertThat(first.total()).isEqualTo(26);
        assertThat(first.items()).extracting(EpisodeRecord::title).startsWith("Episode 25", "Episode 24");
        EpisodePage last = store.list("feed-a", null, 20, 10);
        assertThat(last.items()).hasSize(6);
        assertThat(last.items().getLast().title()).as("undated last").isEqualTo("No date");
        EpisodePage failed = store.list(null, EpisodeStatus.FAILED, 0, 10);
        assertThat(failed.total()).as("a failure shows in the listing as soon as it is recorded").isEqualTo(1);
        assertThat(failed.items().getFirst().state().error()).isEqualTo("HTTP 404 Not Found for https://x/3");
        assertThat(store.list("other-feed", null, 0, 10).total()).isZero();

        for (int i = 4; i <= 12; i++) {   // every terminal change is listed right after it returns
            EpisodeClaim next = store.claim(EpisodeId.of("feed-a", "g" + i), "me").orElseThrow();
            store.indexed(next, ASR, 1, null);
            assertThat(store.list(null, EpisodeStatus.INDEXED, 0, 20).total()).as("after indexing g%d", i)
                    .isEqualTo(i - 3);
        }
    }

    @Test
    void ofTwoSimultaneousClaimsExactlyOneWins() throws Exception {
        Episode e = episode("g1", "Contended", "2026-01-01T10:00:00Z", "https://x/1");
        list(e);
        EpisodeStore other = new EpisodeStore(TestElasticsearch.client(), names, Duration.ofMinutes(10), 3, clock);
        // both claims read the same unclaimed version before either writes: one conditional write must get a 409
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger reachedTheWrite = new AtomicInteger();
        Runnable hook = () -> {
            reachedTheWrite.incrementAndGet();
            try {
                bothRead.await(10, TimeUnit.SECONDS);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        };
        store.beforeClaimWrite(hook);
        other.beforeClaimWrite(hook);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Callable<Optional<EpisodeClaim>> a = () -> store.claim(e.id(), "a");
            Callable<Optional<EpisodeClaim>> b = () -> other.claim(e.id(), "b");
            Future<Optional<EpisodeClaim>> fa = threads.submit(a);
            Future<Optional<EpisodeClaim>> fb = threads.submit(b);
            boolean aWon = fa.get().isPresent();
            boolean bWon = fb.get().isPresent();
            assertThat(reachedTheWrite).as("both read the episode as unclaimed").hasValue(2);
            assertThat(aWon ^ bWon).as("exactly one claim").isTrue();
            assertThat(store.find(e.id()).orElseThrow().claim().holder()).isEqualTo(aWon ? "a" : "b");
        }
    }

    @Test
    void aClaimIsChangedOnlyByTheThreadThatTookIt() throws Exception {
        Episode e = episode("g1", "Owned", "2026-01-01T10:00:00Z", "https://x/1");
        list(e);
        EpisodeClaim claim = store.claim(e.id(), "me").orElseThrow();
        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            Future<?> renewal = other.submit(() -> store.downloaded(claim, "/x", "https://x/1"));
            assertThatThrownBy(renewal::get).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("may not change it");
        }
        store.downloaded(claim, "/x", "https://x/1");
        assertThat(store.find(e.id()).orElseThrow().status()).isEqualTo(EpisodeStatus.DOWNLOADED);
    }

    @Test
    void aLapsedClaimIsTakenOverAndTheOldHolderCanNoLongerWrite() {
        Episode e = episode("g1", "Lapsing", "2026-01-01T10:00:00Z", "https://x/1");
        list(e);
        EpisodeClaim dead = store.claim(e.id(), "dead").orElseThrow();
        assertThat(store.claim(e.id(), "other")).as("claim still live").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        EpisodeClaim taken = store.claim(e.id(), "other").orElseThrow();

        assertThatThrownBy(() -> store.downloaded(dead, "/x", "https://x/1")).isInstanceOf(ClaimLostException.class);
        store.indexed(taken, ASR, 3, null);
        EpisodeRecord record = store.find(e.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(record.claim()).isNull();
        assertThat(record.state().indexedAt()).isEqualTo(clock.instant());
        assertThat(store.claim(e.id(), "third")).as("nothing left to do").isEmpty();
    }

    @Test
    void anEpisodeWhoseProcessKeepsDyingIsGivenUpAfterMaxAttempts() {
        Episode deadly = episode("deadly", "Kills the decoder", "2026-01-01T10:00:00Z", "https://x/deadly");
        list(deadly);
        for (int attempt = 1; attempt <= 3; attempt++) {
            EpisodeClaim claim = store.claim(deadly.id(), "instance-" + attempt).orElseThrow();
            assertThat(claim.episode().state().attempts()).as("counted when claimed").isEqualTo(attempt);
            clock.advance(Duration.ofMinutes(11));   // the process died mid-work: its claim lapses, nothing released
        }
        assertThat(store.needingWork("feed-a")).as("the lapsed claim still needs a verdict").hasSize(1);

        assertThat(store.claim(deadly.id(), "instance-4")).as("not taken a fourth time").isEmpty();

        EpisodeRecord given = store.find(deadly.id()).orElseThrow();
        assertThat(given.status()).isEqualTo(EpisodeStatus.FAILED);
        assertThat(given.state().errorRetryable()).isFalse();
        assertThat(given.state().attempts()).isEqualTo(3);
        assertThat(given.state().error()).contains("stopped while working on this episode 3 times");
        assertThat(given.claim()).isNull();
        assertThat(store.needingWork("feed-a")).isEmpty();
        assertThat(store.list(null, EpisodeStatus.FAILED, 0, 10).total()).isEqualTo(1);
    }

    @Test
    void attemptsGivenBackOrSucceededAreNotCounted() {
        Episode e = episode("e", "Patient", "2026-01-01T10:00:00Z", "https://x/e");
        list(e);
        for (int i = 0; i < 5; i++) {   // shutdowns, no model, Elasticsearch away: never the episode's fault
            store.release(store.claim(e.id(), "me").orElseThrow(), "waiting");
        }
        assertThat(store.find(e.id()).orElseThrow().state().attempts()).isZero();
        store.failed(store.claim(e.id(), "me").orElseThrow(), "HTTP 503 Service Unavailable", true);
        store.indexed(store.claim(e.id(), "me").orElseThrow(), ASR, 1, null);
        EpisodeRecord done = store.find(e.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(done.state().attempts()).as("the one failure stays counted").isEqualTo(1);
    }

    @Test
    void retryableFailuresAreRetriedUntilMaxAttemptsAndFinalOnesUntilTheEnclosureChanges() {
        Episode flaky = episode("flaky", "Flaky", "2026-01-02T10:00:00Z", "https://x/flaky");
        Episode gone = episode("gone", "Gone", "2026-01-01T10:00:00Z", "https://x/gone");
        list(flaky, gone);
        store.failed(store.claim(gone.id(), "me").orElseThrow(), "HTTP 404 Not Found for https://x/gone", false);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(store.needingWork("feed-a")).extracting(EpisodeRecord::id).containsExactly(flaky.id());
            store.failed(store.claim(flaky.id(), "me").orElseThrow(), "HTTP 503 Service Unavailable", true);
        }
        assertThat(store.needingWork("feed-a")).as("3 attempts used up").isEmpty();
        EpisodeRecord exhausted = store.find(flaky.id()).orElseThrow();
        assertThat(exhausted.state().attempts()).isEqualTo(3);
        assertThat(exhausted.state().error()).isEqualTo("HTTP 503 Service Unavailable");

        EpisodeStore.ListingChanges changes = list(flaky, episode("gone", "Gone", "2026-01-01T10:00:00Z",
                "https://x/moved"));
        assertThat(changes.restarted()).isEqualTo(1);
        EpisodeRecord fresh = store.find(gone.id()).orElseThrow();
        assertThat(fresh.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(fresh.state().attempts()).isZero();
        assertThat(fresh.state().error()).isNull();
        assertThat(store.needingWork("feed-a")).extracting(EpisodeRecord::id).containsExactly(gone.id());
    }

    @Test
    void anEpisodeThatFailedForLackOfAnEnclosureRestartsWhenTheFeedAddsOne() {
        Episode bare = episode("bare", "Announced before its audio", "2026-01-01T10:00:00Z", null);
        list(bare);
        store.failed(store.claim(bare.id(), "me").orElseThrow(), "the feed gives no audio enclosure", false);
        assertThat(store.needingWork("feed-a")).isEmpty();

        EpisodeStore.ListingChanges changes = list(episode("bare", "Announced before its audio",
                "2026-01-01T10:00:00Z", "https://cdn.example.org/bare.mp3"));

        assertThat(changes.restarted()).isEqualTo(1);
        EpisodeRecord record = store.find(bare.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(record.state().attempts()).isZero();
        assertThat(record.state().error()).isNull();
        assertThat(store.needingWork("feed-a")).extracting(EpisodeRecord::id).containsExactly(bare.id());
    }

    @Test
    void episodesPublishedBeforeSinceAreSkippedUntilSinceIsLowered() {
        Episode old = episode("old", "Old", "2025-06-01T10:00:00Z", "https://x/old");
        Episode recent = episode("recent", "Recent", "2026-02-01T10:00:00Z", "https://x/recent");
        Episode undated = episode("undated", "Undated", null, "https://x/undated");
        EpisodeStore limited = new EpisodeStore(TestElasticsearch.client(), names, Duration.ofMinutes(10), 3, clock,
                java.time.LocalDate.parse("2026-01-01"));
        limited.recordListing("feed-a", List.of(old, recent, undated));

        assertThat(limited.find(old.id()).orElseThrow().status()).isEqualTo(EpisodeStatus.SKIPPED);
        assertThat(limited.find(recent.id()).orElseThrow().status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(limited.find(undated.id()).orElseThrow().status()).as("no date: not skipped")
                .isEqualTo(EpisodeStatus.NEW);
        assertThat(limited.needingWork(List.of("feed-a"))).extracting(EpisodeRecord::id)
                .containsExactly(recent.id(), undated.id());
        assertThat(limited.list(null, EpisodeStatus.SKIPPED, 0, 10).total()).isEqualTo(1);

        // since lowered (a restart with another podgrep.ingest.since): the next listing brings the old one in
        EpisodeStore lowered = new EpisodeStore(TestElasticsearch.client(), names, Duration.ofMinutes(10), 3, clock,
                java.time.LocalDate.parse("2025-01-01"));
        lowered.recordListing("feed-a", List.of(old, recent, undated));
        assertThat(lowered.find(old.id()).orElseThrow().status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(lowered.needingWork(List.of("feed-a"))).extracting(EpisodeRecord::id)
                .containsExactly(recent.id(), old.id(), undated.id());
    }

    @Test
    void theStatisticsCountTheBacklogItsAudioAndItsEpisodesWithoutADurationApart() {
        Episode timed = episode("timed", "Timed", "2026-01-03T10:00:00Z", "https://x/timed");   // 60 s
        Episode untimed = new Episode(EpisodeId.of("feed-a", "untimed"), "feed-a", "en", "untimed", "Untimed",
                Instant.parse("2026-01-02T10:00:00Z"), null, null, new Enclosure("https://x/u", "audio/mpeg", 1),
                null, List.of());
        Episode done = episode("done", "Done", "2026-01-01T10:00:00Z", "https://x/done");
        list(timed, untimed, done);
        store.indexed(store.claim(done.id(), "me").orElseThrow(), ASR, 1, null);

        EpisodeStatistics statistics = store.statistics();
        assertThat(statistics.backlogEpisodes()).isEqualTo(2);
        assertThat(statistics.backlogAudioSeconds()).as("the timed one only").isEqualTo(60.0);
        assertThat(statistics.backlogWithoutDuration()).isEqualTo(1);
        assertThat(statistics.byStatus()).containsEntry(EpisodeStatus.NEW, 2L).containsEntry(EpisodeStatus.INDEXED, 1L);
        assertThat(statistics.perFeed()).containsExactly(new EpisodeStatistics.FeedBacklog("feed-a", 2, 60.0));
    }

    @Test
    void workIsNewestFirstAcrossFeeds() {
        store.recordListing("feed-a", List.of(
                episode("a1", "A old", "2026-01-01T10:00:00Z", "https://x/a1"),
                episode("a2", "A older", "2025-12-01T10:00:00Z", "https://x/a2")));
        Episode b = new Episode(EpisodeId.of("feed-b", "b1"), "feed-b", "en", "b1", "B new",
                Instant.parse("2026-03-01T10:00:00Z"), null, null, new Enclosure("https://x/b1", "audio/mpeg", 1),
                60.0, List.of());
        store.recordListing("feed-b", List.of(b));

        assertThat(store.needingWork(List.of("feed-a", "feed-b"))).extracting(EpisodeRecord::title)
                .containsExactly("B new", "A old", "A older");
        assertThat(store.needingWork(List.of("feed-a"))).as("only the feeds asked for").hasSize(2);
    }

    @Test
    void episodesNoLongerInTheFeedAreFlaggedNotForgotten() {
        Episode a = episode("a", "A", "2026-01-02T10:00:00Z", "https://x/a");
        Episode b = episode("b", "B", "2026-01-01T10:00:00Z", "https://x/b");
        list(a, b);
        store.indexed(store.claim(b.id(), "me").orElseThrow(), ASR, 2, null);

        assertThat(list(a).removed()).isEqualTo(1);

        EpisodeRecord removed = store.find(b.id()).orElseThrow();
        assertThat(removed.listing().removedFromFeed()).isTrue();
        assertThat(removed.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(list(a).removed()).as("flagged once").isZero();
        list(a, b);
        assertThat(store.find(b.id()).orElseThrow().listing().removedFromFeed()).as("back in the feed").isFalse();
    }

    @Test
    void aFeedOfMoreThanTenThousandEpisodesIsWorkedOnWhole() {
        int count = 10_050;
        List<Episode> all = new ArrayList<>(count);
        Instant first = Instant.parse("2000-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            all.add(episode("e" + i, "Episode " + i, first.plus(Duration.ofHours(i)).toString(), "https://x/" + i));
        }
        assertThat(store.recordListing("feed-a", all).created()).isEqualTo(count);

        List<EpisodeRecord> work = store.needingWork("feed-a");

        assertThat(work).hasSize(count);
        assertThat(work.getFirst().title()).as("newest first").isEqualTo("Episode " + (count - 1));
        assertThat(work.getLast().title()).isEqualTo("Episode 0");

        // the feed drops its 50 newest episodes: all of them are flagged, not only those among the first 10,000
        assertThat(store.recordListing("feed-a", all.subList(0, count - 50)).removed()).isEqualTo(50);
        assertThat(store.find(all.getLast().id()).orElseThrow().listing().removedFromFeed()).isTrue();
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
