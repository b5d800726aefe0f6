package dev.podgrep.app.ingestion;

import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two podgrep instances (own data directories, own HTTP clients, same indices) ingesting the same feed at the same
 * moment: every episode is downloaded, transcribed and indexed exactly once.
 */
class TwoInstancesIngestionTest {

    @TempDir
    Path temp;

    @Test
    void twoInstancesProcessEachEpisodeExactlyOnce() throws Exception {
        Path model = ToneWordModel.writeTo(temp.resolve("model"));
        byte[] mp3 = Files.readAllBytes(ToneWordAudio.parse("silence 0.5, bravo 0.5, silence 0.8, delta 0.5, silence 0.7")
                .encode(temp.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
        int episodes = 6;
        try (PodcastServer host = new PodcastServer()) {
            List<Item> items = new ArrayList<>();
            for (int i = 1; i <= episodes; i++) {
                items.add(Item.audio("shared-" + i, "Episode " + i, "2026-01-%02dT10:00:00Z".formatted(i),
                        host.url("/audio/" + i + ".mp3")));
                host.route("/audio/" + i + ".mp3", PodcastServer.audio(mp3));
            }
            host.route("/feeds/shared.xml", PodcastServer.feed(TestFeeds.rss("Shared", items), "\"s\""));
            Feed feed = new Feed(host.url("/feeds/shared.xml"), "shared", "en");
            String prefix = TestElasticsearch.uniquePrefix("two-instances");
            try (IngestionFixture a = new IngestionFixture(prefix, temp.resolve("a"), List.of(feed),
                    IngestionFixture.model("en", model));
                 IngestionFixture b = new IngestionFixture(prefix, temp.resolve("b"), List.of(feed),
                         IngestionFixture.model("en", model))) {
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<RunSummary> runA = CompletableFuture.supplyAsync(() -> await(start, a));
                CompletableFuture<RunSummary> runB = CompletableFuture.supplyAsync(() -> await(start, b));
                RunSummary summaryA = runA.get();
                RunSummary summaryB = runB.get();

                for (int i = 1; i <= episodes; i++) {
                    assertThat(host.requests("/audio/" + i + ".mp3")).as("downloads of episode %d", i).isEqualTo(1);
                    EpisodeRecord episode = a.episode("shared", "shared-" + i);
                    assertThat(episode.status()).isEqualTo(EpisodeStatus.INDEXED);
                    assertThat(episode.state().attempts()).isZero();
                    assertThat(episode.claim()).isNull();
                }
                assertThat(summaryA.episodesIndexed() + summaryB.episodesIndexed()).isEqualTo(episodes);
                assertThat(summaryA.downloads() + summaryB.downloads()).isEqualTo(episodes);
                assertThat(summaryA.episodesFailed() + summaryB.episodesFailed()).isZero();
                assertThat(a.search("delta").total()).as("one set of segments per episode").isEqualTo(episodes);
            }
        }
    }

    private static RunSummary await(CyclicBarrier start, IngestionFixture instance) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return instance.run();
    }
}
