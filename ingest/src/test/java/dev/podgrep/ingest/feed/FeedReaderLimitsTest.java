package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.TranscriptLink;

/** What a feed may cost is bounded: episodes per feed, transcript links per episode, problem lines per feed. */
class FeedReaderLimitsTest {

    private static final Feed FEED = new Feed("https://example.org/feed.xml", "Big Feed", "en");
    private static final Instant FIRST = Instant.parse("2020-01-01T06:00:00Z");

    /** Items {@code 0..count-1}, item n published n days after {@link #FIRST}, in the given order. */
    private static byte[] feed(List<Integer> order, boolean undatedLast) {
        StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>Big</title>");
        for (int n : order) {
            xml.append("<item><title>Episode ").append(n).append("</title><guid>ep-").append(n).append("</guid>");
            xml.append("<enclosure url=\"https://example.org/").append(n).append(".mp3\" type=\"audio/mpeg\"/>");
            xml.append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    FIRST.plusSeconds(86_400L * n).atOffset(ZoneOffset.UTC))).append("</pubDate></item>");
        }
        if (undatedLast) {
            xml.append("<item><title>Undated</title><guid>undated</guid></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFeedLongerThanTheCapKeepsItsNewestEpisodesAndSaysHowManyWereDropped() throws Exception {
        // oldest first, as some feeds are: "the first N" would be the wrong ones
        List<Integer> oldestFirst = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        ParsedFeed parsed = new FeedReader(5).read(FEED, feed(oldestFirst, true));

        assertThat(parsed.episodes()).extracting(Episode::guid).containsExactly("ep-7", "ep-8", "ep-9", "ep-10",
                "ep-11");
        assertThat(parsed.problems()).containsExactly("the feed lists 13 episodes; kept the newest 5 (podgrep reads"
                + " at most 5 per feed), dropped 8 older ones");
    }

    @Test
    void theDefaultCapKeepsFiveThousand() throws Exception {
        List<Integer> newestFirst = java.util.stream.IntStream.range(0, 6_000).map(i -> 5_999 - i).boxed().toList();

        ParsedFeed parsed = new FeedReader().read(FEED, feed(newestFirst, false));

        assertThat(parsed.episodes()).hasSize(FeedReader.DEFAULT_MAX_EPISODES);
        assertThat(parsed.episodes().getFirst().guid()).isEqualTo("ep-5999");
        assertThat(parsed.episodes().getLast().guid()).isEqualTo("ep-1000");
        assertThat(parsed.problems()).singleElement().asString().contains("dropped 1000 older ones");
    }

    @Test
    void refusesANonsensicalCap() {
        assertThatThrownBy(() -> new FeedReader(0)).hasMessage("maxEpisodes must be at least 1, was 0");
    }

    @Test
    void anEpisodeKeepsItsBestThreeTranscriptLinksInDocumentOrder() throws Exception {
        ParsedFeed parsed = new FeedReader().read(new Feed("https://poly.example.org/feed", "Polyglot", "en"),
                FeedFixtures.bytes("quirks/many-transcript-links.xml"));

        assertThat(parsed.episodes().getFirst().transcripts()).containsExactly(
                new TranscriptLink("https://poly.example.org/1.txt", "text/plain", null, null),
                new TranscriptLink("https://poly.example.org/1.srt", "application/x-subrip", "en-US", null),
                new TranscriptLink("https://poly.example.org/1.vtt", "text/vtt", null, null));
        assertThat(parsed.problems()).containsExactly("item 1 ('Many transcripts'): kept the best 3 of 6"
                + " podcast:transcript links (podgrep keeps at most 3 per episode)");
    }

    @Test
    void problemsAreBoundedFeedWideOnesFirst() throws Exception {
        StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>Broken dates</title>");
        for (int n = 0; n < 150; n++) {
            xml.append("<item><title>E").append(n).append("</title><guid>e").append(n)
                    .append("</guid><pubDate>someday</pubDate><itunes:duration>1</itunes:duration></item>");
        }
        byte[] document = xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);

        ParsedFeed parsed = new FeedReader().read(FEED, document);

        assertThat(parsed.episodes()).hasSize(150);
        assertThat(parsed.problems()).hasSize(FeedReader.MAX_PROBLEMS);
        assertThat(parsed.problems().getFirst()).startsWith("the feed uses the namespace prefixes itunes");
        assertThat(parsed.problems().get(1)).isEqualTo("item 1 ('E0'): publication date 'someday' is not a date"
                + " podgrep can read; left empty");
        assertThat(parsed.problems().getLast()).isEqualTo("… and 52 more problems");
    }
}
