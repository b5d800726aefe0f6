package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeClaim;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.episodes.EpisodeStatus;
import dev.podgrep.app.episodes.EpisodeStore;
import dev.podgrep.app.episodes.Provenance;
import dev.podgrep.app.feeds.FeedRecord;
import dev.podgrep.app.search.SearchHit;
import dev.podgrep.app.search.SearchResult;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.Segment;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import dev.podgrep.transcribe.transcript.Word;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ingestion runs end to end: a podcast host on loopback (MockWebServer), the real local Elasticsearch, real FFmpeg
 * and libvosk with the tone-word model. Each test has its own indices, data directory and host.
 */
class IngestionRunTest {

    /** 3.4 s: alpha at 0.6-1.1 s, charlie at 2.0-2.5 s. */
    private static final ToneWordAudio SPEECH = ToneWordAudio.parse(
            "silence 0.6, alpha 0.5, silence 0.9, charlie 0.5, silence 0.9");

    @TempDir
    static Path shared;
    private static Path model;
    private static byte[] mp3;

    @TempDir
    Path dataDir;
    private final PodcastServer host = new PodcastServer();
    private final List<IngestionFixture> fixtures = new ArrayList<>();

    @BeforeAll
    static void modelAndAudio() throws IOException {
        model = ToneWordModel.writeTo(shared.resolve("vosk-model-tone-words"));
        mp3 = Files.readAllBytes(SPEECH.encode(shared.resolve("speech.mp3"), AudioEncoding.mp3(44_100, 1, 64)));
    }

    @AfterEach
    void close() throws IOException {
        fixtures.forEach(IngestionFixture::close);
        host.close();
    }

    private IngestionFixture instance(String prefix, Path data, Feed... feeds) {
        IngestionFixture fixture = new IngestionFixture(prefix, data, List.of(feeds), IngestionFixture.model("en", model));
        fixtures.add(fixture);
        return fixture;
    }

    private Feed feed(String name) {
        return new Feed(host.url("/feeds/" + name + ".xml"), name, "en");
    }

    @Test
    void newEpisodesAreDownloadedTranscribedAndIndexedAndLaterRunsRedoNothing() {
        Feed feed = feed("the-naked-pravda");
        String xml = TestFeeds.rss("The Naked Pravda", List.of(
                Item.audio("tnp-2", "Sanctions and the regions", "2026-03-05T17:30:00Z", host.url("/audio/2.mp3")),
                Item.audio("tnp-1", "Q and A", "2026-02-27T16:00:00Z", host.url("/audio/1.mp3"))));
        host.route("/feeds/the-naked-pravda.xml", PodcastServer.feed(xml, "\"v1\""));
        host.route("/audio/1.mp3", PodcastServer.audio(mp3));
        host.route("/audio/2.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-basic"), dataDir, feed);

        RunSummary first = podgrep.run();

        assertThat(first.episodesSeen()).isEqualTo(2);
        assertThat(first.episodesIndexed()).isEqualTo(2);
        assertThat(first.episodesFailed()).isZero();
        assertThat(first.downloads()).isEqualTo(2);
        EpisodeRecord episode = podgrep.episode("the-naked-pravda", "tnp-2");
        assertThat(episode.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(episode.state().transcriptSource()).isEqualTo(TranscriptSource.ASR);
        assertThat(episode.state().error()).isNull();
        assertThat(episode.state().attempts()).isZero();
        assertThat(episode.claim()).isNull();
        assertThat(episode.title()).isEqualTo("Sanctions and the regions");
        assertThat(episode.listing().audioUrl()).isEqualTo(host.url("/audio/2.mp3"));
        assertThat(episode.listing().durationSeconds()).isEqualTo(3.0);

        SearchResult found = podgrep.search("charlie");
        assertThat(found.total()).isEqualTo(2);
        SearchHit hit = found.hits().stream().filter(h -> h.episodeId().equals(episode.id())).findFirst().orElseThrow();
        assertThat(hit.matchSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(hit.deepLink()).isEqualTo(host.url("/audio/2.mp3") + "#t=1");

        RunSummary second = podgrep.run();

        assertThat(second.downloads()).isZero();
        assertThat(second.feeds()).extracting(FeedOutcome::outcome).containsExactly("not-modified");
        assertThat(host.requestsTo("/feeds/the-naked-pravda.xml").getLast().getHeaders().get("If-None-Match"))
                .isEqualTo("\"v1\"");
        assertThat(host.requestsUnder("/audio/")).isEqualTo(2);

        // a host that ignores validators: the document is read again, still nothing is downloaded or transcribed
        host.route("/feeds/the-naked-pravda.xml", PodcastServer.feedWithoutValidators(xml));
        RunSummary third = podgrep.run();

        assertThat(third.episodesSeen()).isEqualTo(2);
        assertThat(third.episodesIndexed()).isZero();
        assertThat(third.downloads()).isZero();
        assertThat(host.requestsUnder("/audio/")).isEqualTo(2);
        assertThat(podgrep.episode("the-naked-pravda", "tnp-2").state().indexedAt()).isEqualTo(episode.state().indexedAt());
    }

    @Test
    void aFailingFeedIsRecordedOnTheFeedWhileTheOthersRunAndItRecoversLater() throws IOException {
        Feed flaky = feed("flaky");
        Feed broken = feed("broken");
        Feed good = feed("good");
        host.route("/feeds/flaky.xml", PodcastServer.status(500));
        host.route("/feeds/broken.xml", PodcastServer.text("application/rss+xml",
                new String(getClass().getResourceAsStream("/feeds/malformed.xml").readAllBytes())));
        host.route("/feeds/good.xml", PodcastServer.feed(TestFeeds.rss("Good", List.of(
                Item.audio("g1", "Good one", "2026-01-01T10:00:00Z", host.url("/audio/g1.mp3")))), "\"g\""));
        host.route("/audio/g1.mp3", PodcastServer.audio(mp3));
        host.route("/audio/f1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-feeds"), dataDir, flaky, broken, good);

        RunSummary first = podgrep.run();

        assertThat(first.feedsFailed()).isEqualTo(2);
        assertThat(first.episodesIndexed()).isEqualTo(1);
        assertThat(podgrep.episode("good", "g1").status()).isEqualTo(EpisodeStatus.INDEXED);
        FeedRecord flakyState = podgrep.feeds.state("flaky").orElseThrow();
        assertThat(flakyState.lastOutcome()).isEqualTo("failed");
        assertThat(flakyState.lastError()).isEqualTo("HTTP 500 Internal Server Error for " + flaky.url()
                + " (gave up after 2 attempts)");
        assertThat(flakyState.etag()).isNull();
        FeedRecord brokenState = podgrep.feeds.state("broken").orElseThrow();
        assertThat(brokenState.lastError()).startsWith("invalid XML at line ");
        assertThat(brokenState.etag()).as("validators of an unreadable document are not kept").isNull();

        host.route("/feeds/flaky.xml", PodcastServer.feed(TestFeeds.rss("Flaky", List.of(
                Item.audio("f1", "Back again", "2026-01-02T10:00:00Z", host.url("/audio/f1.mp3")))), "\"f\""));
        RunSummary second = podgrep.run();

        assertThat(second.feedsFailed()).isEqualTo(1);
        assertThat(podgrep.episode("flaky", "f1").status()).isEqualTo(EpisodeStatus.INDEXED);
        FeedRecord recovered = podgrep.feeds.state("flaky").orElseThrow();
        assertThat(recovered.lastOutcome()).isEqualTo("fetched");
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.etag()).isEqualTo("\"f\"");
        assertThat(recovered.episodes()).isEqualTo(1);
    }

    @Test
    void faultyEnclosuresEndInTheRightStateWithAClearErrorAndOnlyRetryableOnesAreRetried() {
        Feed feed = feed("faults");
        int cut = mp3.length / 2;
        String xml = TestFeeds.rss("Faults", List.of(
                Item.audio("redirected", "Behind three redirects", "2026-01-05T10:00:00Z", host.url("/r1")),
                Item.audio("missing", "Gone", "2026-01-04T10:00:00Z", host.url("/audio/missing.mp3")),
                Item.audio("html", "An HTML page", "2026-01-03T10:00:00Z", host.url("/audio/page.mp3")),
                Item.audio("cut", "Cut in the middle", "2026-01-02T10:00:00Z", host.url("/audio/cut.mp3")),
                Item.audio("dup", "First of a duplicate guid", "2026-01-01T10:00:00Z", host.url("/audio/dup.mp3")),
                Item.audio("dup", "Second of a duplicate guid", "2026-01-01T09:00:00Z", host.url("/audio/dup2.mp3"))));
        host.route("/feeds/faults.xml", PodcastServer.feed(xml, "\"x\""));
        host.route("/r1", PodcastServer.redirect(host.url("/r2")));
        host.route("/r2", PodcastServer.redirect(host.url("/r3")));
        host.route("/r3", PodcastServer.redirect(host.url("/audio/final.mp3")));
        host.route("/audio/final.mp3", PodcastServer.audio(mp3));
        host.route("/audio/page.mp3", PodcastServer.text("text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>Episode</title></head><body>Listen on our site</body></html>"));
        host.route("/audio/cut.mp3", PodcastServer.audioCut(mp3, cut, 2));   // both attempts of run 1 are cut
        host.route("/audio/dup.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-faults"), dataDir, feed);

        RunSummary first = podgrep.run();

        assertThat(first.episodesSeen()).as("duplicate guid counted once").isEqualTo(5);
        assertThat(podgrep.episode("faults", "redirected").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(host.requests("/audio/final.mp3")).isEqualTo(1);

        EpisodeRecord missing = podgrep.episode("faults", "missing");
        assertThat(missing.status()).isEqualTo(EpisodeStatus.FAILED);
        assertThat(missing.state().error()).isEqualTo("HTTP 404 Not Found for " + host.url("/audio/missing.mp3"));
        assertThat(missing.state().errorRetryable()).isFalse();
        assertThat(missing.state().attempts()).isEqualTo(1);

        EpisodeRecord html = podgrep.episode("faults", "html");
        assertThat(html.status()).isEqualTo(EpisodeStatus.FAILED);
        assertThat(html.state().error()).contains("HTML").contains("not audio");
        assertThat(html.state().errorRetryable()).isFalse();

        EpisodeRecord cutOff = podgrep.episode("faults", "cut");
        assertThat(cutOff.status()).isEqualTo(EpisodeStatus.FAILED);
        assertThat(cutOff.state().error()).startsWith("download cut at").contains("will resume");
        assertThat(cutOff.state().errorRetryable()).isTrue();
        assertThat(cutOff.state().attempts()).isEqualTo(1);

        EpisodeRecord dup = podgrep.episode("faults", "dup");
        assertThat(dup.title()).isEqualTo("First of a duplicate guid");
        assertThat(dup.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(host.requests("/audio/dup2.mp3")).isZero();
        assertThat(podgrep.feeds.state("faults").orElseThrow().problems())
                .anySatisfy(p -> assertThat(p).contains("guid 'dup' already used"));

        host.route("/feeds/faults.xml", PodcastServer.feedWithoutValidators(xml));
        RunSummary second = podgrep.run();

        assertThat(second.episodesIndexed()).isEqualTo(1);
        EpisodeRecord resumed = podgrep.episode("faults", "cut");
        assertThat(resumed.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(resumed.state().error()).isNull();
        assertThat(resumed.state().attempts()).as("failed attempts stay counted").isEqualTo(1);
        assertThat(host.requestsTo("/audio/cut.mp3").getLast().getHeaders().get("Range"))
                .as("the second run resumed the partial download").matches("bytes=\\d+-");
        assertThat(host.requests("/audio/missing.mp3")).as("a 404 is not retried").isEqualTo(1);
        assertThat(host.requests("/audio/page.mp3")).as("not audio is not retried").isEqualTo(1);
        assertThat(podgrep.episode("faults", "missing").state().attempts()).isEqualTo(1);
    }

    @Test
    void aChangedEnclosureUrlGivesAFinallyFailedEpisodeAFreshStart() {
        Feed feed = feed("moved");
        host.route("/feeds/moved.xml", PodcastServer.feedWithoutValidators(TestFeeds.rss("Moved", List.of(
                Item.audio("m1", "Moved", "2026-01-01T10:00:00Z", host.url("/audio/old.mp3"))))));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-moved"), dataDir, feed);
        podgrep.run();
        assertThat(podgrep.episode("moved", "m1").status()).isEqualTo(EpisodeStatus.FAILED);

        host.route("/feeds/moved.xml", PodcastServer.feedWithoutValidators(TestFeeds.rss("Moved", List.of(
                Item.audio("m1", "Moved", "2026-01-01T10:00:00Z", host.url("/audio/new.mp3"))))));
        host.route("/audio/new.mp3", PodcastServer.audio(mp3));
        podgrep.run();

        EpisodeRecord moved = podgrep.episode("moved", "m1");
        assertThat(moved.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(moved.state().attempts()).isZero();
        assertThat(moved.listing().audioUrl()).isEqualTo(host.url("/audio/new.mp3"));
    }

    @Test
    void anEpisodeRemovedFromTheFeedKeepsItsIndexedTranscript() {
        Feed feed = feed("shrinking");
        host.route("/feeds/shrinking.xml", PodcastServer.feed(TestFeeds.rss("Shrinking", List.of(
                Item.audio("keep", "Stays", "2026-01-02T10:00:00Z", host.url("/audio/keep.mp3")),
                Item.audio("gone", "Removed later", "2026-01-01T10:00:00Z", host.url("/audio/gone.mp3")))), "\"1\""));
        host.route("/audio/keep.mp3", PodcastServer.audio(mp3));
        host.route("/audio/gone.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-removed"), dataDir, feed);
        podgrep.run();
        String goneId = EpisodeId.of("shrinking", "gone");
        assertThat(podgrep.search("alpha").hits()).extracting(SearchHit::episodeId).contains(goneId);

        host.route("/feeds/shrinking.xml", PodcastServer.feed(TestFeeds.rss("Shrinking", List.of(
                Item.audio("keep", "Stays", "2026-01-02T10:00:00Z", host.url("/audio/keep.mp3")))), "\"2\""));
        RunSummary second = podgrep.run();

        assertThat(second.episodesSeen()).isEqualTo(1);
        EpisodeRecord gone = podgrep.episode("shrinking", "gone");
        assertThat(gone.listing().removedFromFeed()).isTrue();
        assertThat(gone.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(podgrep.search("alpha").hits()).extracting(SearchHit::episodeId).contains(goneId);
        assertThat(podgrep.episode("shrinking", "keep").listing().removedFromFeed()).isFalse();
    }

    @Test
    void aPublisherSrtIsIndexedWithoutAsrAndABrokenOneFallsBackToAsr() {
        Feed feed = feed("transcribed");
        String srt = """
                1
                00:00:01,000 --> 00:00:03,000
                Sanctions hit the regions hard

                2
                00:00:04,000 --> 00:00:06,500
                The central bank raised the key rate
                """;
        host.route("/feeds/transcribed.xml", PodcastServer.feed(TestFeeds.rss("Transcribed", List.of(
                Item.audio("srt", "With captions", "2026-01-02T10:00:00Z", host.url("/audio/srt.mp3"))
                        .withTranscript(host.url("/transcripts/srt.srt"), "application/srt"),
                Item.audio("bad", "Broken captions", "2026-01-01T10:00:00Z", host.url("/audio/bad.mp3"))
                        .withTranscript(host.url("/transcripts/bad.srt"), "application/srt"))), "\"t\""));
        host.route("/transcripts/srt.srt", PodcastServer.text("application/srt", srt));
        host.route("/transcripts/bad.srt", PodcastServer.text("application/srt",
                "1\n00:00:01,000 --> banana\nnot a timing line\n"));
        host.route("/audio/srt.mp3", PodcastServer.audio(mp3));
        host.route("/audio/bad.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-publisher"), dataDir, feed);

        RunSummary run = podgrep.run();

        assertThat(run.episodesIndexed()).isEqualTo(2);
        EpisodeRecord captioned = podgrep.episode("transcribed", "srt");
        assertThat(captioned.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(captioned.state().transcriptSource()).isEqualTo(TranscriptSource.PUBLISHER);
        assertThat(host.requests("/audio/srt.mp3")).as("no audio needed").isZero();
        SearchResult found = podgrep.search("\"key rate\"");
        assertThat(found.total()).isEqualTo(1);
        assertThat(found.hits().getFirst().episodeId()).isEqualTo(captioned.id());
        assertThat(found.hits().getFirst().startSeconds()).isEqualTo(4.0);

        EpisodeRecord fallback = podgrep.episode("transcribed", "bad");
        assertThat(fallback.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(fallback.state().transcriptSource()).isEqualTo(TranscriptSource.ASR);
        assertThat(fallback.state().error()).startsWith("publisher transcript unusable (")
                .contains(host.url("/transcripts/bad.srt")).endsWith("; transcribed with ASR");
        assertThat(host.requests("/audio/bad.mp3")).isEqualTo(1);
    }

    @Test
    void withoutASpeechModelForALanguageItsAsrEpisodesWaitWhileEverythingElseProceeds() {
        Feed english = feed("english");
        Feed russian = new Feed(host.url("/feeds/russian.xml"), "russian", "ru");
        host.route("/feeds/english.xml", PodcastServer.feed(TestFeeds.rss("English", List.of(
                Item.audio("e1", "English", "2026-01-01T10:00:00Z", host.url("/audio/e1.mp3")))), "\"e\""));
        host.route("/feeds/russian.xml", PodcastServer.feed(TestFeeds.rss("Русский", List.of(
                Item.audio("r1", "Без расшифровки", "2026-01-02T10:00:00Z", host.url("/audio/r1.mp3")),
                Item.audio("r2", "С расшифровкой", "2026-01-01T10:00:00Z", host.url("/audio/r2.mp3"))
                        .withTranscript(host.url("/transcripts/r2.vtt"), "text/vtt"))), "\"r\""));
        host.route("/transcripts/r2.vtt", PodcastServer.text("text/vtt",
                "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nСанкции ударили по регионам\n"));
        host.route("/audio/e1.mp3", PodcastServer.audio(mp3));
        host.route("/audio/r1.mp3", PodcastServer.audio(mp3));
        Path notAModel = dataDir.resolve("no-such-model");
        Map<String, PodgrepProperties.ModelProperties> models = Map.of(
                "en", new PodgrepProperties.ModelProperties(model, null, null),
                "ru", new PodgrepProperties.ModelProperties(notAModel, null, null));
        IngestionFixture podgrep = new IngestionFixture(TestElasticsearch.uniquePrefix("run-models"), dataDir,
                List.of(russian, english), models);
        fixtures.add(podgrep);

        RunSummary run = podgrep.run();

        assertThat(run.episodesWaiting()).isEqualTo(1);
        assertThat(run.episodesFailed()).isZero();
        EpisodeRecord waiting = podgrep.episode("russian", "r1");
        assertThat(waiting.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(waiting.claim()).isNull();
        assertThat(waiting.state().attempts()).isZero();
        assertThat(waiting.state().transcriptNote()).contains("'ru'").contains(notAModel.toString());
        assertThat(host.requests("/audio/r1.mp3")).as("no download without a model").isZero();
        assertThat(podgrep.episode("russian", "r2").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(podgrep.episode("russian", "r2").state().transcriptSource()).isEqualTo(TranscriptSource.PUBLISHER);
        assertThat(podgrep.episode("english", "e1").status()).isEqualTo(EpisodeStatus.INDEXED);

        RunSummary again = podgrep.run();
        assertThat(again.episodesWaiting()).as("still waiting, tried again each run").isEqualTo(1);
        assertThat(podgrep.episode("russian", "r1").status()).isEqualTo(EpisodeStatus.NEW);
    }

    @Test
    void aRunContinuesWhereAStoppedOneLeftOff() throws Exception {
        Feed feed = feed("resumed");
        String xml = TestFeeds.rss("Resumed", List.of(
                Item.audio("transcribed", "Transcribed before the stop", "2026-01-03T10:00:00Z",
                        host.url("/audio/transcribed.mp3")),
                Item.audio("dead", "Claimed by a dead instance", "2026-01-02T10:00:00Z", host.url("/audio/dead.mp3")),
                Item.audio("busy", "Claimed by a live instance", "2026-01-01T10:00:00Z", host.url("/audio/busy.mp3"))));
        host.route("/feeds/resumed.xml", PodcastServer.feed(xml, "\"r\""));
        host.route("/audio/transcribed.mp3", PodcastServer.audio(mp3));
        host.route("/audio/dead.mp3", PodcastServer.audio(mp3));
        host.route("/audio/busy.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-resume"), dataDir, feed);
        podgrep.store.recordListing("resumed", new FeedReader().read(feed, xml.getBytes(StandardCharsets.UTF_8))
                .episodes());
        // what a stopped instance left: one episode TRANSCRIBED (transcript saved, not yet indexed) ...
        String transcribedId = EpisodeId.of("resumed", "transcribed");
        EpisodeClaim stopped = podgrep.store.claim(transcribedId, "stopped-instance").orElseThrow();
        TimedTranscript saved = new TimedTranscript(List.of(new Segment(List.of(Word.measured("bravo", 1.0, 1.5, 1.0)))),
                TranscriptSource.ASR, "en", true);
        Path file = podgrep.transcriptFiles.save(transcribedId, saved);
        podgrep.store.transcribed(stopped, file.toString(), null, Provenance.asr("vosk-model-earlier", "feed", Instant.now()));
        podgrep.store.release(stopped, null);
        // ... one claimed by an instance that died two hours ago, one claimed by a live instance just now
        EpisodeStore past = new EpisodeStore(podgrep.client, podgrep.names, Duration.ofMinutes(30), 3,
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(past.claim(EpisodeId.of("resumed", "dead"), "dead-instance")).isPresent();
        assertThat(podgrep.store.claim(EpisodeId.of("resumed", "busy"), "live-instance")).isPresent();

        RunSummary run = podgrep.run();

        EpisodeRecord transcribed = podgrep.store.find(transcribedId).orElseThrow();
        assertThat(transcribed.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(host.requests("/audio/transcribed.mp3")).as("indexed from the saved transcript").isZero();
        assertThat(podgrep.search("bravo").hits()).extracting(SearchHit::episodeId).containsExactly(transcribedId);
        assertThat(podgrep.episode("resumed", "dead").status()).as("a lapsed claim is taken over")
                .isEqualTo(EpisodeStatus.INDEXED);
        EpisodeRecord busy = podgrep.episode("resumed", "busy");
        assertThat(busy.status()).as("a live claim is respected").isEqualTo(EpisodeStatus.NEW);
        assertThat(busy.claim().holder()).isEqualTo("live-instance");
        assertThat(host.requests("/audio/busy.mp3")).isZero();
        assertThat(run.episodesIndexed()).isEqualTo(2);
    }

    @Test
    void aShutdownMidDownloadLosesNothingAndTheNextInstanceResumes() throws Exception {
        Feed feed = feed("interrupted");
        host.route("/feeds/interrupted.xml", PodcastServer.feed(TestFeeds.rss("Interrupted", List.of(
                Item.audio("slow", "A slow download", "2026-01-01T10:00:00Z", host.url("/audio/slow.mp3")))), "\"i\""));
        // 2 KB every 100 ms: the download takes over a second, the shutdown comes in the middle of it
        host.route("/audio/slow.mp3", request -> new mockwebserver3.MockResponse.Builder()
                .setHeader("Content-Type", "audio/mpeg").body(new okio.Buffer().write(mp3))
                .throttleBody(2048, 100, java.util.concurrent.TimeUnit.MILLISECONDS).build());
        String prefix = TestElasticsearch.uniquePrefix("run-shutdown");
        IngestionFixture first = instance(prefix, dataDir, feed);
        String id = EpisodeId.of("interrupted", "slow");

        assertThat(first.ingestion.startInBackground("test")).isTrue();
        Path partial = first.downloader.partialFile(id);
        Instant deadline = Instant.now().plusSeconds(20);
        while (!(Files.exists(partial) && Files.size(partial) > 4096) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        first.ingestion.stop();

        EpisodeRecord stopped = first.episode("interrupted", "slow");
        assertThat(stopped.status()).as("not failed by the shutdown").isEqualTo(EpisodeStatus.NEW);
        assertThat(stopped.state().attempts()).isZero();
        assertThat(stopped.claim()).as("released for the next run").isNull();
        assertThat(Files.size(partial)).as("the partial download is kept").isGreaterThan(4096).isLessThan(mp3.length);
        assertThat(first.ingestion.running()).isFalse();

        host.route("/audio/slow.mp3", PodcastServer.audio(mp3));
        IngestionFixture next = instance(prefix, dataDir, feed);
        next.run();

        assertThat(next.episode("interrupted", "slow").status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(host.requestsTo("/audio/slow.mp3").getLast().getHeaders().get("Range")).matches("bytes=\\d+-");
    }

    @Test
    void aFinishedRunsEpisodesAreListedInTheStateItReports() throws Exception {
        for (int round = 1; round <= 3; round++) {
            Feed english = feed("listed-en-" + round);
            Feed russian = new Feed(host.url("/feeds/listed-ru-" + round + ".xml"), "listed-ru-" + round, "ru");
            List<Item> items = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                items.add(Item.audio("e" + i, "English " + i, "2026-02-0" + i + "T10:00:00Z",
                        host.url("/audio/listed-" + round + "-" + i + ".mp3")));
                host.route("/audio/listed-" + round + "-" + i + ".mp3", PodcastServer.audio(mp3));
            }
            host.route("/feeds/listed-en-" + round + ".xml", PodcastServer.feed(TestFeeds.rss("English", items), "\"e\""));
            host.route("/feeds/listed-ru-" + round + ".xml", PodcastServer.feed(TestFeeds.rss("Русский", List.of(
                    Item.audio("r1", "С расшифровкой", "2026-02-01T10:00:00Z", host.url("/audio/none.mp3"))
                            .withTranscript(host.url("/transcripts/listed.vtt"), "text/vtt"))), "\"r\""));
            host.route("/transcripts/listed.vtt", PodcastServer.text("text/vtt",
                    "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nСанкции ударили по регионам\n"));
            IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-listed"), dataDir, english, russian);

            RunSummary run = podgrep.run();

            assertThat(run.episodesIndexed()).isEqualTo(5);
            // read right after the run reports finished: the listing (a search) agrees with every episode's state
            assertThat(podgrep.store.list(null, EpisodeStatus.INDEXED, 0, 20).total()).as("round %d", round)
                    .isEqualTo(5);
            assertThat(podgrep.store.list(null, EpisodeStatus.NEW, 0, 20).total()).as("round %d", round).isZero();
            assertThat(podgrep.store.list(russian.name(), null, 0, 20).items()).extracting(EpisodeRecord::status)
                    .containsExactly(EpisodeStatus.INDEXED);
        }
    }

    @Test
    void aLongTranscriptionKeepsItsClaimRenewedByTheWorkerThatHoldsIt() throws Exception {
        // 20 minutes of tone words as WAV: a transcription of a few seconds, many times the claim's half-life
        byte[] wav = Files.readAllBytes(ToneWordAudio.cycling(20 * 60)
                .writeWav(shared.resolve("long-" + System.nanoTime() + ".wav"), 16_000, 1));
        Feed feed = feed("long");
        host.route("/feeds/long.xml", PodcastServer.feed(TestFeeds.rss("Long", List.of(
                Item.audio("long", "A long one", "2026-01-01T10:00:00Z", host.url("/audio/long.wav")))), "\"l\""));
        host.route("/audio/long.wav", PodcastServer.audio(wav));
        String prefix = TestElasticsearch.uniquePrefix("run-renew");
        IngestionFixture podgrep = new IngestionFixture(prefix, dataDir, List.of(feed),
                IngestionFixture.model("en", model), Duration.ofMillis(1500), Duration.ofMillis(50), 0);
        fixtures.add(podgrep);
        EpisodeStore rival = new EpisodeStore(podgrep.client, podgrep.names, Duration.ofMinutes(30), 3,
                Clock.systemUTC());
        String id = EpisodeId.of("long", "long");

        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(podgrep::run);
        int rivalAttempts = 0;
        while (!run.isDone()) {
            // a rival instance keeps trying to take the episode over: it must never get it while the holder works
            if (podgrep.store.find(id).map(r -> r.status() == EpisodeStatus.DOWNLOADED).orElse(false)) {
                assertThat(rival.claim(id, "rival")).as("the claim lapsed although its holder was working")
                        .isEmpty();
                rivalAttempts++;
            }
            Thread.sleep(100);
        }

        assertThat(run.get().episodesIndexed()).isEqualTo(1);
        assertThat(rivalAttempts).as("the transcription outlived several claim half-lives").isGreaterThan(5);
        EpisodeRecord done = podgrep.store.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(done.claim()).isNull();
    }

    @Test
    void runNowReportsItsOwnRunEvenWhenAnotherStartsRightAfter() throws Exception {
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-own"), dataDir);
        java.util.concurrent.atomic.AtomicBoolean racing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread rival = new Thread(() -> {
            while (racing.get()) {
                podgrep.ingestion.startInBackground("rival");
            }
        });
        rival.start();
        try {
            for (int i = 0; i < 200; i++) {
                java.util.Optional<RunSummary> mine = podgrep.ingestion.runNow("mine-" + i);
                mine.ifPresent(summary -> assertThat(summary.trigger()).startsWith("mine-"));
            }
        } finally {
            racing.set(false);
            rival.join();
        }
    }

    @Test
    void withoutEnoughFreeDiskEpisodesWaitInsteadOfFailing() {
        Feed feed = feed("full-disk");
        host.route("/feeds/full-disk.xml", PodcastServer.feed(TestFeeds.rss("Full disk", List.of(
                Item.audio("d1", "No room", "2026-01-01T10:00:00Z", host.url("/audio/d1.mp3")))), "\"d\""));
        host.route("/audio/d1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = new IngestionFixture(TestElasticsearch.uniquePrefix("run-disk"), dataDir,
                List.of(feed), IngestionFixture.model("en", model), Duration.ofMinutes(30), Duration.ofSeconds(10),
                Long.MAX_VALUE);
        fixtures.add(podgrep);

        RunSummary run = podgrep.run();

        assertThat(run.episodesWaiting()).isEqualTo(1);
        assertThat(run.episodesFailed()).isZero();
        EpisodeRecord waiting = podgrep.episode("full-disk", "d1");
        assertThat(waiting.status()).isEqualTo(EpisodeStatus.NEW);
        assertThat(waiting.state().attempts()).isZero();
        assertThat(waiting.state().transcriptNote()).contains("not enough free disk space").contains("min-free-disk");
        assertThat(host.requests("/audio/d1.mp3")).as("nothing downloaded").isZero();
    }

    @Test
    void whenElasticsearchDoesNotAnswerTheEpisodeIsGivenBackWithoutBurningAnAttempt() throws Exception {
        Feed feed = feed("es-away");
        host.route("/feeds/es-away.xml", PodcastServer.feed(TestFeeds.rss("ES away", List.of(
                Item.audio("a1", "Transcribed, not indexed", "2026-01-01T10:00:00Z", host.url("/audio/a1.mp3")))),
                "\"a\""));
        host.route("/audio/a1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-es-away"), dataDir, feed);
        // the segments index is written through a client whose node is gone; the episode state is still reachable
        IngestionFixture away = podgrep.withIndexerOn("http://127.0.0.1:1");
        fixtures.add(away);

        RunSummary run = away.run();

        assertThat(run.episodesFailed()).isZero();
        assertThat(run.episodesWaiting()).isEqualTo(1);
        EpisodeRecord back = podgrep.episode("es-away", "a1");
        assertThat(back.status()).as("kept where it got to").isEqualTo(EpisodeStatus.TRANSCRIBED);
        assertThat(back.state().attempts()).as("not the episode's fault").isZero();
        assertThat(back.claim()).isNull();

        assertThat(podgrep.run().episodesIndexed()).as("the next run indexes it").isEqualTo(1);
        assertThat(host.requests("/audio/a1.mp3")).as("from the saved transcript").isEqualTo(1);
    }

    @Test
    void aNewEpisodeOfOneFeedIsDoneBeforeTheBacklogOfAnother() {
        Feed backlog = feed("backlog");
        Feed fresh = feed("fresh");
        List<Item> old = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            old.add(Item.audio("old-" + i, "Backlog " + i, "2025-%02d-01T10:00:00Z".formatted(1 + i % 12),
                    host.url("/audio/old-" + i + ".mp3")));
            host.route("/audio/old-" + i + ".mp3", PodcastServer.audio(mp3));
        }
        host.route("/feeds/backlog.xml", PodcastServer.feed(TestFeeds.rss("Backlog", old), "\"b\""));
        host.route("/feeds/fresh.xml", PodcastServer.feed(TestFeeds.rss("Fresh", List.of(
                Item.audio("new-1", "Brand new", "2026-03-01T10:00:00Z", host.url("/audio/new-1.mp3")))), "\"f\""));
        host.route("/audio/new-1.mp3", PodcastServer.audio(mp3));
        // the backlog feed comes first in the configuration: feed by feed, the new episode would be done last
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-order"), dataDir, backlog, fresh);

        RunSummary run = podgrep.run();

        assertThat(run.episodesIndexed()).isEqualTo(21);
        Instant newOne = podgrep.episode("fresh", "new-1").state().indexedAt();
        long indexedBefore = old.stream().map(i -> podgrep.episode("backlog", i.guid()).state().indexedAt())
                .filter(t -> t.isBefore(newOne)).count();
        assertThat(indexedBefore).as("backlog episodes indexed before the new one (workers run side by side)")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aFeedReadAgainDuringALongRunPutsItsNewEpisodeAheadOfTheBacklog() throws Exception {
        Feed backlog = feed("long-backlog");
        Feed fresh = feed("later");
        List<Item> old = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            old.add(Item.audio("old-" + i, "Backlog " + i, "2025-%02d-01T10:00:00Z".formatted(i),
                    host.url("/audio/lb-" + i + ".mp3")));
            host.route("/audio/lb-" + i + ".mp3", PodcastServer.audio(mp3));
        }
        host.route("/feeds/long-backlog.xml", PodcastServer.feed(TestFeeds.rss("Backlog", old), "\"b\""));
        host.route("/feeds/later.xml", PodcastServer.feed(TestFeeds.rss("Later", List.of()), "\"empty\""));
        host.route("/audio/later-1.mp3", PodcastServer.audio(mp3));
        IngestionFixture podgrep = instance(TestElasticsearch.uniquePrefix("run-refresh"), dataDir, backlog, fresh);

        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(podgrep::run);
        Instant deadline = Instant.now().plusSeconds(120);
        while (podgrep.store.list("long-backlog", EpisodeStatus.INDEXED, 0, 1).total() < 3
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        // the show publishes a new episode while the run is busy with the other feed's backlog; the schedule fires
        host.route("/feeds/later.xml", PodcastServer.feed(TestFeeds.rss("Later", List.of(
                Item.audio("later-1", "Published mid-run", "2026-04-01T10:00:00Z", host.url("/audio/later-1.mp3")))),
                "\"one\""));
        assertThat(podgrep.ingestion.readFeedsAgainDuringRun()).isTrue();

        assertThat(run.get(3, java.util.concurrent.TimeUnit.MINUTES).episodesIndexed()).isEqualTo(13);
        Instant later = podgrep.episode("later", "later-1").state().indexedAt();
        long backlogAfter = old.stream().map(i -> podgrep.episode("long-backlog", i.guid()).state().indexedAt())
                .filter(t -> t.isAfter(later)).count();
        assertThat(backlogAfter).as("backlog episodes still waiting when the new one was done").isGreaterThan(2);
    }

    @Test
    void theAudioCacheKeepsTheNewestAudioWithinItsSizeAndEvictedEpisodesStaySearchable() throws Exception {
        Feed feed = feed("cached");
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            items.add(Item.audio("c" + i, "Cached " + i, "2026-01-0" + i + "T10:00:00Z", host.url("/audio/c" + i + ".mp3")));
            host.route("/audio/c" + i + ".mp3", PodcastServer.audio(mp3));
        }
        host.route("/feeds/cached.xml", PodcastServer.feed(TestFeeds.rss("Cached", items.subList(0, 2)), "\"c1\""));
        IngestionFixture.audioCacheBytes = 2L * mp3.length + 100;   // room for two files
        IngestionFixture podgrep;
        try {
            podgrep = instance(TestElasticsearch.uniquePrefix("run-cache"), dataDir, feed);
        } finally {
            IngestionFixture.audioCacheBytes = Long.MAX_VALUE;
        }
        podgrep.run();
        assertThat(podgrep.audioCache.usage().files()).isEqualTo(2);

        // two newer episodes arrive: their audio takes the room of the older, least recently used files
        Thread.sleep(1_100);   // file times have a resolution of a second on some file systems
        host.route("/feeds/cached.xml", PodcastServer.feed(TestFeeds.rss("Cached", items), "\"c2\""));
        RunSummary run = podgrep.run();

        assertThat(run.episodesIndexed()).isEqualTo(2);
        var usage = podgrep.audioCache.usage();
        assertThat(usage.bytes()).as("within the cache's size").isLessThanOrEqualTo(usage.maxBytes());
        assertThat(usage.files()).isEqualTo(2);
        for (String guid : List.of("c3", "c4")) {
            assertThat(podgrep.downloader.completeFile(podgrep.episode("cached", guid).id())).as("newest %s", guid)
                    .isPresent();
        }
        for (String guid : List.of("c1", "c2")) {
            assertThat(podgrep.downloader.completeFile(podgrep.episode("cached", guid).id())).as("evicted %s", guid)
                    .isEmpty();
        }
        assertThat(podgrep.search("alpha").total()).as("evicted episodes stay searchable").isEqualTo(4);
        assertThat(items.stream().map(i -> podgrep.episode("cached", i.guid()).status()))
                .containsOnly(EpisodeStatus.INDEXED);
    }

    @Test
    void aReTranscriptionWithAnotherModelSwapsTheTranscriptWithoutAMomentOfNoneOrBoth() throws Exception {
        Feed feed = feed("swapped");
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(Item.audio("s" + i, "Swapped " + i, "2026-01-0" + i + "T10:00:00Z", host.url("/audio/s" + i + ".mp3")));
            host.route("/audio/s" + i + ".mp3", PodcastServer.audio(mp3));
        }
        host.route("/feeds/swapped.xml", PodcastServer.feed(TestFeeds.rss("Swapped", items), "\"s\""));
        String prefix = TestElasticsearch.uniquePrefix("run-swap");
        IngestionFixture first = instance(prefix, dataDir, feed);
        first.run();
        long alpha = first.search("alpha").total();
        long charlie = first.search("charlie").total();
        assertThat(alpha).isEqualTo(3);
        String firstModel = first.episode("swapped", "s1").state().transcript().model();
        for (Item item : items) {
            assertThat(first.store.requestRetranscription(first.episode("swapped", item.guid()).id()))
                    .isEqualTo(dev.podgrep.app.episodes.EpisodeStore.Change.DONE);
        }

        // a better model is configured (another directory) and the next run transcribes again, while users search
        Path better = ToneWordModel.writeTo(shared.resolve("vosk-model-tone-words-v2-" + System.nanoTime()));
        IngestionFixture second = new IngestionFixture(prefix, dataDir, List.of(feed),
                IngestionFixture.model("en", better));
        fixtures.add(second);
        java.util.concurrent.atomic.AtomicBoolean swapping = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
        Thread searcher = new Thread(() -> {
            while (swapping.get()) {
                long a = second.search("alpha").total();
                long c = second.search("charlie").total();
                searches.incrementAndGet();
                if (a != alpha || c != charlie) {
                    wrong.add("alpha " + a + ", charlie " + c);
                }
            }
        });
        searcher.start();
        RunSummary run;
        try {
            run = second.run();
        } finally {
            swapping.set(false);
            searcher.join();
        }

        assertThat(run.episodesIndexed()).isEqualTo(3);
        assertThat(searches.get()).as("searches made during the swap").isGreaterThan(10);
        assertThat(wrong).as("every search during the swap found each episode exactly once").isEmpty();
        for (Item item : items) {
            EpisodeRecord episode = second.episode("swapped", item.guid());
            assertThat(episode.status()).isEqualTo(EpisodeStatus.INDEXED);
            assertThat(episode.state().retranscribing()).isFalse();
            assertThat(episode.state().transcript().model()).isNotEqualTo(firstModel)
                    .isEqualTo(better.getFileName().toString());
        }
        assertThat(host.requests("/audio/s1.mp3")).as("the cached audio was reused").isEqualTo(1);
    }
}
