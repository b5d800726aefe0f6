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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Episode state and claims on the real local Elasticsearch. */
class EpisodeStoreTest {

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

    @Test
    void aNewEpisodeIsNewAndARefreshKeepsItsState() {
        Episode first = episode("g1", "Old title", "2026-01-01T10:00:00Z", "https://cdn.example.org/1.mp3");
        assertThat(store.upsertFromFeed(first)).isEqualTo(EpisodeStore.Upsert.CREATED);
        EpisodeClaim claim = store.claim(first.id(), "me").orElseThrow();
        store.downloaded(claim, "/data/audio/x.mp3", first.audioUrl());

        assertThat(store.upsertFromFeed(episode("g1", "New title", "2026-01-01T10:00:00Z",
                "https://cdn.example.org/1.mp3"))).isEqualTo(EpisodeStore.Upsert.REFRESHED);

        EpisodeRecord record = store.find(first.id()).orElseThrow();
        assertThat(record.title()).isEqualTo("New title");
        assertThat(record.status()).isEqualTo(EpisodeStatus.DOWNLOADED);
        assertThat(record.claimedBy()).isEqualTo("me");
        assertThat(record.audioFile()).isEqualTo("/data/audio/x.mp3");
        assertThat(store.find("feed-a-0000000000000000")).isEmpty();
    }

    @Test
    void listIsNewestFirstWithAnExactTotalAndFilters() {
        for (int i = 1; i <= 25; i++) {
            store.upsertFromFeed(episode("g" + i, "Episode " + i, "2026-01-%02dT10:00:00Z".formatted(i), "https://x/" + i));
        }
        store.upsertFromFeed(episode("undated", "No date", null, "https://x/u"));
        EpisodeClaim claim = store.claim(EpisodeId.of("feed-a", "g3"), "me").orElseThrow();
        store.failed(claim, "HTTP 404 Not Found for https://x/3", false);
        store.refresh();

        EpisodePage first = store.list(null, null, 0, 10);
        assertThat(first.total()).isEqualTo(26);
        assertThat(first.items()).extracting(EpisodeRecord::title).startsWith("Episode 25", "Episode 24");
        EpisodePage last = store.list("feed-a", null, 2, 10);
        assertThat(last.items()).hasSize(6);
        assertThat(last.items().getLast().title()).as("undated last").isEqualTo("No date");
        EpisodePage failed = store.list(null, EpisodeStatus.FAILED, 0, 10);
        assertThat(failed.total()).isEqualTo(1);
        assertThat(failed.items().getFirst().error()).isEqualTo("HTTP 404 Not Found for https://x/3");
        assertThat(store.list("other-feed", null, 0, 10).total()).isZero();
    }

    @Test
    void ofTwoSimultaneousClaimsExactlyOneWins() throws Exception {
        Episode e = episode("g1", "Contended", "2026-01-01T10:00:00Z", "https://x/1");
        store.upsertFromFeed(e);
        EpisodeStore other = new EpisodeStore(TestElasticsearch.client(), names, Duration.ofMinutes(10), 3, clock);
        CyclicBarrier barrier = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Callable<Optional<EpisodeClaim>> a = () -> { barrier.await(); return store.claim(e.id(), "a"); };
            Callable<Optional<EpisodeClaim>> b = () -> { barrier.await(); return other.claim(e.id(), "b"); };
            Future<Optional<EpisodeClaim>> fa = threads.submit(a);
            Future<Optional<EpisodeClaim>> fb = threads.submit(b);
            assertThat(fa.get().isPresent() ^ fb.get().isPresent()).as("exactly one claim").isTrue();
        }
    }

    @Test
    void aLapsedClaimIsTakenOverAndTheOldHolderCanNoLongerWrite() {
        Episode e = episode("g1", "Lapsing", "2026-01-01T10:00:00Z", "https://x/1");
        store.upsertFromFeed(e);
        EpisodeClaim dead = store.claim(e.id(), "dead").orElseThrow();
        assertThat(store.claim(e.id(), "other")).as("claim still live").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        EpisodeClaim taken = store.claim(e.id(), "other").orElseThrow();

        assertThatThrownBy(() -> store.downloaded(dead, "/x", "https://x/1")).isInstanceOf(ClaimLostException.class);
        store.indexed(taken, "asr", 3, null);
        EpisodeRecord record = store.find(e.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(record.claimedBy()).isNull();
        assertThat(store.claim(e.id(), "third")).as("nothing left to do").isEmpty();
    }

    @Test
    void retryableFailuresAreRetriedUntilMaxAttemptsAndFinalOnesUntilTheEnclosureChanges() {
        Episode flaky = episode("flaky", "Flaky", "2026-01-02T10:00:00Z", "https://x/flaky");
        Episode gone = episode("gone", "Gone", "2026-01-01T10:00:00Z", "https://x/gone");
        store.upsertFromFeed(flaky);
        store.upsertFromFeed(gone);
        store.failed(store.claim(gone.id(), "me").orElseThrow(), "HTTP 404 Not Found for https://x/gone", false);
        for (int attempt = 1; attempt <= 3; attempt++) {
            store.refresh();
            assertThat(store.needingWork("feed-a")).extracting(EpisodeRecord::id).containsExactly(flaky.id());
            store.failed(store.claim(flaky.id(), "me").orElseThrow(), "HTTP 503 Service Unavailable", true);
        }
        store.refresh();
        assertThat(store.needingWork("feed-a")).as("3 attempts used up").isEmpty();
        EpisodeRecord exhausted = store.find(flaky.id()).orElseThrow();
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.error()).isEqualTo("HTTP 503 Service Unavailable");

        store.upsertFromFeed(episode("gone", "Gone", "2026-01-01T10:00:00Z", "https://x/moved"));
        store.refresh();
        EpisodeRecord fresh = store.find(gone.id()).orElseThrow();
        assertThat(fresh.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(fresh.attempts()).isZero();
        assertThat(fresh.error()).isNull();
        assertThat(store.needingWork("feed-a")).extracting(EpisodeRecord::id).containsExactly(gone.id());
    }

    @Test
    void episodesNoLongerInTheFeedAreFlaggedNotForgotten() {
        Episode a = episode("a", "A", "2026-01-02T10:00:00Z", "https://x/a");
        Episode b = episode("b", "B", "2026-01-01T10:00:00Z", "https://x/b");
        store.upsertFromFeed(a);
        store.upsertFromFeed(b);
        store.indexed(store.claim(b.id(), "me").orElseThrow(), "asr", 2, null);
        store.refresh();

        assertThat(store.markRemovedFromFeed("feed-a", List.of(a.id()))).isEqualTo(1);

        EpisodeRecord removed = store.find(b.id()).orElseThrow();
        assertThat(removed.removedFromFeed()).isTrue();
        assertThat(removed.status()).isEqualTo(EpisodeStatus.INDEXED);
        store.upsertFromFeed(b);
        assertThat(store.find(b.id()).orElseThrow().removedFromFeed()).as("back in the feed").isFalse();
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
