package dev.podgrep.app.ingestion;

import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two podgrep instances on one cluster; one is killed with SIGKILL in the middle of a transcription. The other
 * finishes that episode once the dead one's claim lapses, and it is indexed exactly once.
 */
class KilledInstanceTakeoverTest {

    @TempDir
    Path dir;

    @Test
    void anEpisodeWhoseInstanceIsKilledMidTranscriptionIsFinishedByTheOtherExactlyOnce() throws Exception {
        Path model = ToneWordModel.writeTo(dir.resolve("model"));
        ToneWordAudio speech = ToneWordAudio.cycling(25 * 60);   // long enough to be killed in the middle
        byte[] wav = Files.readAllBytes(speech.writeWav(dir.resolve("long.wav"), 16_000, 1));
        String prefix = TestElasticsearch.uniquePrefix("takeover");
        try (PodcastServer host = new PodcastServer()) {
            Feed feed = new Feed(host.url("/feeds/shared.xml"), "shared", "en");
            host.route("/feeds/shared.xml", PodcastServer.feed(TestFeeds.rss("Shared", List.of(
                    Item.audio("long", "A long one", "2026-01-01T10:00:00Z", host.url("/audio/long.wav")))), "\"s\""));
            host.route("/audio/long.wav", PodcastServer.audio(wav));
            String id = EpisodeId.of("shared", "long");

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process doomed = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), IngestionInstanceMain.class.getName(),
                    TestElasticsearch.url(), prefix, dir.resolve("doomed").toString(), feed.url(), feed.name(),
                    model.toString(), "4000")
                    .redirectErrorStream(true).start();
            String doomedId;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(doomed.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                doomedId = null;
                while ((line = out.readLine()) != null && doomedId == null) {
                    if (line.startsWith("INSTANCE ")) {
                        doomedId = line.split(" ")[2];
                    }
                }
                assertThat(doomedId).as("the first instance started").isNotNull();
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();

                IngestionFixture survivor = new IngestionFixture(prefix, dir.resolve("survivor"), List.of(feed),
                        IngestionFixture.model("en", model), Duration.ofSeconds(4), Duration.ofMillis(200), 0);
                try (survivor) {
                    // wait until the doomed instance holds the episode with its audio downloaded: it is transcribing
                    Instant deadline = Instant.now().plusSeconds(90);
                    EpisodeRecord mid = null;
                    while (Instant.now().isBefore(deadline)) {
                        mid = survivor.store.find(id).orElse(null);
                        if (mid != null && mid.status() == EpisodeStatus.DOWNLOADED && mid.claim() != null
                                && mid.claim().holder().equals(doomedId)) {
                            break;
                        }
                        assertThat(doomed.isAlive()).as("the first instance is still working").isTrue();
                        Thread.sleep(20);
                    }
                    assertThat(mid).isNotNull();
                    assertThat(mid.status()).as("caught mid-transcription").isEqualTo(EpisodeStatus.DOWNLOADED);

                    doomed.toHandle().destroyForcibly();   // SIGKILL: no release, no cleanup
                    assertThat(doomed.waitFor(20, TimeUnit.SECONDS)).isTrue();

                    RunSummary early = survivor.run();
                    assertThat(early.episodesIndexed()).as("the dead instance's claim is still live").isZero();
                    Thread.sleep(4_500);   // the claim lapses
                    RunSummary run = survivor.run();

                    assertThat(run.episodesIndexed()).isEqualTo(1);
                    EpisodeRecord done = survivor.store.find(id).orElseThrow();
                    assertThat(done.status()).isEqualTo(EpisodeStatus.INDEXED);
                    assertThat(done.claim()).isNull();
                    assertThat(done.state().attempts()).as("the killed attempt stays counted").isEqualTo(1);
                    long segments = TestElasticsearch.client().count(c -> c.index(survivor.names.segments())
                            .query(q -> q.term(t -> t.field("episodeId").value(id)))).count();
                    assertThat(segments).as("indexed once").isEqualTo(done.state().segments().longValue());
                }
            } finally {
                doomed.destroyForcibly();
            }
        }
    }
}
