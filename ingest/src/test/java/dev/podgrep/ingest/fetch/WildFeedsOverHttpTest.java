package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.feed.ParsedFeed;

/**
 * Relative URLs and moved feeds end to end on loopback: fetch the feed (following the server's redirects), read it
 * against the URL it came from, download the episode's audio.
 */
class WildFeedsOverHttpTest {

    private static final byte[] AUDIO = FakeAudio.mp3(20_000);

    @TempDir
    Path audioDir;

    private final MockWebServer server = new MockWebServer();
    private IngestHttpClient http;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getTarget()) {
                    case "/old/feed.xml" -> new MockResponse.Builder().code(301)
                            .setHeader("Location", "/podcasts/v2/feed.xml").build();
                    case "/podcasts/v2/feed.xml" -> new MockResponse.Builder().body("""
                            <rss version="2.0"><channel><title>Relative</title>
                              <item><title>One</title><guid>rel-1</guid>
                                <enclosure url="audio/one.mp3" type="audio/mpeg"/></item>
                            </channel></rss>""").build();
                    case "/podcasts/v2/audio/one.mp3", "/new/audio/two.mp3" -> new MockResponse.Builder()
                            .setHeader("Content-Type", "audio/mpeg").body(new Buffer().write(AUDIO)).build();
                    case "/moved.xml" -> new MockResponse.Builder().body(
                            "<rss version=\"2.0\"><redirect><newLocation>/new/feed.xml</newLocation></redirect></rss>")
                            .build();
                    case "/new/feed.xml" -> new MockResponse.Builder().body("""
                            <rss version="2.0"><channel><title>Moved</title>
                              <item><title>Two</title><guid>moved-2</guid>
                                <enclosure url="/new/audio/two.mp3" type="audio/mpeg"/></item>
                            </channel></rss>""").build();
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        server.start();
        http = new IngestHttpClient(TestHttp.settings(2));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aRelativeEnclosureResolvesAgainstTheUrlTheFeedCameFromAndIsDownloaded() throws Exception {
        Feed feed = new Feed(server.url("/old/feed.xml").toString(), "Relative", "en");

        FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) new FeedFetcher(http)
                .fetch(feed, FeedValidators.NONE);
        ParsedFeed parsed = new FeedReader().read(feed, fetched.body(), fetched.finalUrl());
        Episode episode = parsed.episodes().getFirst();
        DownloadedAudio audio = new AudioDownloader(http, audioDir).download(episode.id(), episode.audioUrl());

        assertThat(episode.audioUrl()).isEqualTo(server.url("/podcasts/v2/audio/one.mp3").toString());
        assertThat(Files.readAllBytes(audio.file())).isEqualTo(AUDIO);
    }

    @Test
    void aMovedFeedNamesItsNewUrlWhichThenYieldsTheEpisodes() throws Exception {
        Feed old = new Feed(server.url("/moved.xml").toString(), "Moved", "en");
        FeedFetcher fetcher = new FeedFetcher(http);
        FeedReader reader = new FeedReader();

        FeedFetchResult.Fetched redirect = (FeedFetchResult.Fetched) fetcher.fetch(old, FeedValidators.NONE);
        ParsedFeed moved = reader.read(old, redirect.body(), redirect.finalUrl());

        assertThat(moved.episodes()).isEmpty();
        assertThat(moved.movedTo()).contains(server.url("/new/feed.xml").toString());

        Feed relocated = new Feed(moved.movedTo().orElseThrow(), old.name(), old.language());
        FeedFetchResult.Fetched fetched = (FeedFetchResult.Fetched) fetcher.fetch(relocated, FeedValidators.NONE);
        ParsedFeed parsed = reader.read(relocated, fetched.body(), fetched.finalUrl());
        Episode episode = parsed.episodes().getFirst();
        DownloadedAudio audio = new AudioDownloader(http, audioDir).download(episode.id(), episode.audioUrl());

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).contains("moved-2");
        assertThat(Files.readAllBytes(audio.file())).isEqualTo(AUDIO);
    }
}
