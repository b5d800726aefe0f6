package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.episode.TranscriptLink;

/**
 * Feeds as they are in the wild, one small feed per quirk under {@code feeds/quirks/} (each says in a comment what
 * it is), read through {@link FeedReader} with what each must yield.
 */
class FeedQuirksTest {

    private static final String FEED_URL = "https://example.org/podcasts/feed.xml";

    private final FeedReader reader = new FeedReader();

    private static Feed feed(String name) {
        return new Feed(FEED_URL, name, "en");
    }

    private ParsedFeed read(String quirk, String name) throws FeedParseException {
        return reader.read(feed(name), FeedFixtures.bytes("quirks/" + quirk));
    }

    @Nested
    class UndeclaredNamespacePrefixes {

        @Test
        void anUndeclaredItunesPrefixIsDeclaredAndTheEpisodesAreRead() throws Exception {
            ParsedFeed parsed = read("undeclared-itunes-prefix.xml", "Garage Talk");

            assertThat(parsed.title()).isEqualTo("Garage Talk");
            assertThat(parsed.episodes()).extracting(Episode::guid).containsExactly("garage-2", "garage-1");
            assertThat(parsed.episodes()).extracting(Episode::durationSeconds).containsExactly(2465.0, 3723.0);
            assertThat(parsed.episodes().get(1).description()).isEqualTo("Who we are.");
            assertThat(parsed.episodes().get(0).audioUrl()).isEqualTo("https://garage.example.org/media/2.mp3");
            assertThat(parsed.problems()).containsExactly("the feed uses the namespace prefixes itunes without "
                    + "declaring them; read them as the well-known podcast namespaces (the feed should declare "
                    + "xmlns:itunes)");
        }

        @Test
        void onlyTheMissingWellKnownNamespacesAreDeclared() throws Exception {
            ParsedFeed parsed = read("undeclared-well-known-prefixes.xml", "Legacy Radio");

            assertThat(parsed.problems()).singleElement().asString()
                    .startsWith("the feed uses the namespace prefixes atom, googleplay, dc, content, podcast, media,"
                            + " psc without declaring them")
                    .doesNotContain("itunes");
            Episode episode = parsed.episodes().getFirst();
            assertThat(episode.publishedAt()).as("from dc:date").isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
            assertThat(episode.description()).as("from content:encoded").isEqualTo("Show notes in content:encoded.");
            assertThat(episode.durationSeconds()).isEqualTo(600.0);
            assertThat(episode.transcripts()).containsExactly(
                    new TranscriptLink("https://legacy.example.org/7.vtt", "text/vtt", null, null));
        }

        @Test
        void anUnknownUndeclaredPrefixStillFailsWithTheParsersWords() {
            assertThatThrownBy(() -> read("undeclared-unknown-prefix.xml", "Unknown Prefix"))
                    .isInstanceOfSatisfying(FeedParseException.class, e -> assertThat(e.reason())
                            .startsWith("invalid XML at line 12, column 19")
                            .contains("The prefix \"foo\" for element \"foo:rating\" is not bound"));
        }

        @Test
        void aDoctypeIsStillRefusedWhenPrefixesAreUndeclaredToo() {
            byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><guid>x</guid>"
                    + "<itunes:duration>1</itunes:duration></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> reader.read(feed("XXE"), xxe))
                    .isInstanceOf(FeedParseException.class)
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("root:");
        }
    }

    @Nested
    class RelativeUrls {

        @Test
        void resolveAgainstTheFeedsUrl() throws Exception {
            ParsedFeed parsed = read("relative-urls.xml", "Static Site Podcast");

            assertThat(parsed.episodes()).extracting(Episode::audioUrl).containsExactly(
                    "https://example.org/podcasts/episode-4.mp3",
                    "https://example.org/audio/3.mp3",
                    "https://cdn.example.net/static/2.mp3",
                    "https://example.org/archive/1%20final.mp3",
                    "https://cdn.example.net/static/0.mp3?token=a b");
            Episode first = parsed.episodes().getFirst();
            assertThat(first.episodeUrl()).isEqualTo("https://example.org/podcasts/episodes/4.html");
            assertThat(first.transcripts()).containsExactly(new TranscriptLink(
                    "https://example.org/podcasts/transcripts/4.srt", "application/srt", null, null));
            assertThat(first.enclosure()).isEqualTo(
                    new Enclosure("https://example.org/podcasts/episode-4.mp3", "audio/mpeg", 400));
            assertThat(parsed.problems()).isEmpty();
        }

        @Test
        void anItemWithoutGuidKeepsTheIdOfItsEnclosureUrlAsWritten() throws Exception {
            Episode noGuid = read("relative-urls.xml", "Static Site Podcast").episodes().get(3);

            assertThat(noGuid.guid()).isEqualTo("../archive/1 final.mp3");
            assertThat(noGuid.id()).isEqualTo(EpisodeId.of("Static Site Podcast", "../archive/1 final.mp3"));
        }

        @Test
        void resolveAgainstTheUrlTheDocumentCameFromAfterRedirects() throws Exception {
            ParsedFeed parsed = reader.read(feed("Static Site Podcast"),
                    FeedFixtures.bytes("quirks/relative-urls.xml"), "https://static.example.com/v2/feed.rss");

            assertThat(parsed.episodes().getFirst().audioUrl()).isEqualTo("https://static.example.com/v2/episode-4.mp3");
        }

        @Test
        void followXmlBaseOnTheChannelAndTheItem() throws Exception {
            ParsedFeed parsed = read("xml-base.xml", "Based");

            assertThat(parsed.episodes()).extracting(Episode::audioUrl).containsExactly(
                    "https://cdn.example.org/audio/2.mp3", "https://cdn.example.org/audio/2023/1.mp3");
        }

        @Test
        void cannotBeResolvedWithoutAnHttpFeedUrlAndSaySo() throws Exception {
            ParsedFeed parsed = reader.read(new Feed("file:///tmp/feed.xml", "Local", "en"),
                    FeedFixtures.bytes("quirks/relative-urls.xml"));

            Episode first = parsed.episodes().getFirst();
            assertThat(first.enclosure()).isNull();
            assertThat(parsed.problems()).contains("item 1 ('Bare file name'): enclosure URL 'episode-4.mp3' is "
                    + "relative and the feed has no http(s) URL to resolve it against; ignored");
        }

        @Test
        void followRfc3986ReferenceResolution() {
            // RFC 3986 section 5.4.1, normal examples
            DocumentUrls urls = new DocumentUrls("http://a/b/c/d;p?q");
            String[][] examples = {{"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
                    {"/g", "http://a/g"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
                    {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"}, {";x", "http://a/b/c/;x"},
                    {"", null}, {".", "http://a/b/c/"}, {"..", "http://a/b/"}, {"../g", "http://a/b/g"},
                    {"../..", "http://a/"}, {"../../g", "http://a/g"}, {"../../../g", "http://a/g"},
                    {"/./g", "http://a/g"}, {"g/../h", "http://a/b/c/h"}, {"g;x=1/../y", "http://a/b/c/y"}};
            for (String[] example : examples) {
                assertThat(urls.resolve(null, example[0], "url", problem -> { }).orElse(null))
                        .as(example[0]).isEqualTo(example[1]);
            }
        }
    }

    @Nested
    class AudioInMediaContent {

        @Test
        void isReadWhenThereIsNoEnclosure() throws Exception {
            ParsedFeed parsed = read("media-content-only.xml", "Media Only");

            assertThat(parsed.episodes()).extracting(Episode::enclosure).containsExactly(
                    new Enclosure("https://media.example.org/4.mp3", "audio/mpeg", 4000),
                    new Enclosure("https://media.example.org/3", null, 0),
                    new Enclosure("https://media.example.org/2.ogg", "audio/ogg", 2000),
                    new Enclosure("https://media.example.org/1.m4a?x=1", null, 0),
                    null);
            assertThat(parsed.problems()).isEmpty();
        }

        @Test
        void theAudioOneIsChosenAmongSeveralByTheDocumentedRule() throws Exception {
            ParsedFeed parsed = read("several-enclosures.xml", "Several");

            assertThat(parsed.episodes()).extracting(Episode::audioUrl).containsExactly(
                    "https://several.example.org/4.mp3",
                    "https://several.example.org/3.m4a",
                    "https://several.example.org/2.mp3",
                    "https://several.example.org/1.mp4");
        }
    }

    @Nested
    class NonHttpUrls {

        @Test
        void neverBecomeAnEpisodesAudioUrlAndAreReported() throws Exception {
            ParsedFeed parsed = read("non-http-enclosures.xml", "Hostile");

            assertThat(parsed.episodes()).extracting(Episode::guid).containsExactly("hostile-4", "hostile-3",
                    "hostile-1");
            assertThat(parsed.episodes()).extracting(Episode::audioUrl)
                    .containsExactly(null, "https://hostile.example.org/3.mp3", null);
            assertThat(parsed.episodes().getFirst().transcripts()).isEmpty();
            assertThat(parsed.problems()).containsExactly(
                    "item 1 ('Script'): enclosure URL 'javascript:alert(document.cookie)' is not an http(s) URL;"
                            + " ignored",
                    "item 1 ('Script'): podcast:transcript URL 'file:///etc/passwd' is not an http(s) URL; ignored",
                    "item 2 ('Data URL, then a real one'): enclosure URL 'data:audio/mpeg;base64,SUQz' is not an"
                            + " http(s) URL; ignored",
                    "item 3 ('Local file, no guid'): enclosure URL 'file:///var/lib/podgrep/secret.mp3' is not an"
                            + " http(s) URL; ignored",
                    "item 3 ('Local file, no guid'): no guid and no usable enclosure; skipped",
                    "item 4 ('FTP'): enclosure URL 'ftp://hostile.example.org/1.mp3' is not an http(s) URL; ignored");
        }
    }

    @Nested
    class MovedFeeds {

        @Test
        void itunesNewFeedUrlIsReportedAndTheEpisodesAreKept() throws Exception {
            ParsedFeed parsed = read("itunes-new-feed-url.xml", "Moving Out");

            assertThat(parsed.movedTo()).contains("https://new-host.example.com/moving-out/feed.xml");
            assertThat(parsed.episodes()).extracting(Episode::guid).containsExactly("moving-1");
            assertThat(parsed.problems()).isEmpty();
        }

        @Test
        void aNewFeedUrlThatIsTheFeedItselfIsNoMove() throws Exception {
            ParsedFeed parsed = read("itunes-new-feed-url-self.xml", "Staying Put");

            assertThat(parsed.movedTo()).isEmpty();
            assertThat(parsed.episodes()).hasSize(1);
        }

        @Test
        void aRedirectDocumentSaysWhereTheFeedWentAndHasNoEpisodes() throws Exception {
            ParsedFeed parsed = read("redirect-document.xml", "Redirected");

            assertThat(parsed.movedTo()).contains("https://new-host.example.com/feed.xml");
            assertThat(parsed.episodes()).isEmpty();
            assertThat(parsed.title()).isNull();
        }

        @Test
        void anRssRootWithARedirectAndNoChannelIsAMoveNotAnInternalError() throws Exception {
            ParsedFeed parsed = read("rss-redirect-without-channel.xml", "Redirected");

            assertThat(parsed.movedTo()).contains("https://new-host.example.com/rss");
            assertThat(parsed.episodes()).isEmpty();
        }

        @Test
        void anRssRootWithoutChannelFailsInWordsAUserCanActOn() {
            assertThatThrownBy(() -> read("rss-without-channel.xml", "Truncated"))
                    .isInstanceOfSatisfying(FeedParseException.class, e -> assertThat(e.reason())
                            .isEqualTo("not an RSS feed: the <rss> document has no <channel>"));
        }

        @Test
        void aRedirectToSomethingThatIsNoHttpUrlIsNoFeed() {
            byte[] xml = "<redirect><newLocation>javascript:alert(1)</newLocation></redirect>"
                    .getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> reader.read(feed("Bad Redirect"), xml))
                    .isInstanceOfSatisfying(FeedParseException.class, e -> assertThat(e.reason())
                            .isEqualTo("the document is a redirect to 'javascript:alert(1)', which is no usable"
                                    + " http(s) URL"));
        }
    }
}
