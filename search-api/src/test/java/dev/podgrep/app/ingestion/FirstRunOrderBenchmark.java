package dev.podgrep.app.ingestion;

import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.episodes.EpisodeRecord;
import dev.podgrep.app.ingestion.TestFeeds.Item;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The first run through a three-feed backlog: how long until each feed's newest episode is searchable, with the
 * work order podgrep uses (one queue, newest first across feeds) against the order it used before (feed by feed,
 * each feed's backlog newest first), in one run of this program on the real pipeline (loopback podcast host, the
 * real local Elasticsearch, FFmpeg in a child process, libvosk with the tone-word model).
 *
 * <p>Run: see docs/benchmarks.md ("First run over a backlog").
 */
public final class FirstRunOrderBenchmark {

    private FirstRunOrderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perFeed = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        TestElasticsearch.client();   // the node starts before anything is timed
        Path dir = Files.createTempDirectory("podgrep-order-bench");
        Path model = ToneWordModel.writeTo(dir.resolve("model"));
        byte[] mp3 = Files.readAllBytes(ToneWordAudio.cycling(30).encode(dir.resolve("ep.mp3"),
                AudioEncoding.mp3(44_100, 1, 64)));
        try (PodcastServer host = new PodcastServer()) {
            List<Feed> feeds = new ArrayList<>();
            String[] names = {"first", "second", "third"};
            for (int f = 0; f < names.length; f++) {
                List<Item> items = new ArrayList<>();
                for (int i = 0; i < perFeed; i++) {
                    // every feed's newest episode is from this month; its backlog goes back month by month
                    String published = Instant.parse("2026-03-01T10:00:00Z").minus(Duration.ofDays(30L * i + f))
                            .toString();
                    String path = "/audio/" + names[f] + "-" + i + ".mp3";
                    items.add(Item.audio(names[f] + "-" + i, names[f] + " " + i, published, host.url(path)));
                    host.route(path, PodcastServer.audio(mp3));
                }
                host.route("/feeds/" + names[f] + ".xml", PodcastServer.feed(TestFeeds.rss(names[f], items), "\"x\""));
                feeds.add(new Feed(host.url("/feeds/" + names[f] + ".xml"), names[f], "en"));
            }
            System.out.printf("First run over %d feeds x %d episodes (30 s of audio each), %d cores%n",
                    feeds.size(), perFeed, Runtime.getRuntime().availableProcessors());

            List<Double> byFeed = feedByFeed(dir.resolve("by-feed"), feeds, model);
            List<Double> newestFirst = newestFirst(dir.resolve("newest-first"), feeds, model);

            System.out.println();
            System.out.println("| feed (in configuration order) | feed by feed: newest episode searchable after |"
                    + " newest first across feeds | ratio |");
            System.out.println("|---|---|---|---|");
            for (int f = 0; f < feeds.size(); f++) {
                System.out.printf("| %s | %.1f s | %.1f s | %.2f |%n", feeds.get(f).name(), byFeed.get(f),
                        newestFirst.get(f), newestFirst.get(f) / byFeed.get(f));
            }
        }
        System.exit(0);
    }

    /** The former order: each feed read and worked through before the next; returns each feed's newest's time. */
    private static List<Double> feedByFeed(Path data, List<Feed> feeds, Path model) {
        List<Double> seconds = new ArrayList<>();
        String prefix = TestElasticsearch.uniquePrefix("order-by-feed");
        Instant start = Instant.now();
        for (Feed feed : feeds) {
            try (IngestionFixture one = new IngestionFixture(prefix, data, List.of(feed),
                    IngestionFixture.model("en", model))) {
                one.run();
                seconds.add(newestIndexedAfter(one, feed, start));
            }
        }
        return seconds;
    }

    /** Today's order: one run, one queue, newest first across feeds. */
    private static List<Double> newestFirst(Path data, List<Feed> feeds, Path model) {
        String prefix = TestElasticsearch.uniquePrefix("order-newest");
        try (IngestionFixture all = new IngestionFixture(prefix, data, feeds, IngestionFixture.model("en", model))) {
            Instant start = Instant.now();
            all.run();
            List<Double> seconds = new ArrayList<>();
            for (Feed feed : feeds) {
                seconds.add(newestIndexedAfter(all, feed, start));
            }
            return seconds;
        }
    }

    private static double newestIndexedAfter(IngestionFixture podgrep, Feed feed, Instant start) {
        EpisodeRecord newest = podgrep.store.list(feed.name(), null, 0, 1).items().getFirst();
        return Duration.between(start, newest.state().indexedAt()).toMillis() / 1000.0;
    }
}
