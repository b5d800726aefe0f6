package dev.podgrep.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.episode.TranscriptLink;

class FeedReaderTest {

    private static final Feed NAKED_PRAVDA = new Feed("https://meduza.io/rss/podcasts/the-naked-pravda",
            "The Naked Pravda", "en");
    private static final Feed V_KURSE = new Feed("https://meduza.io/rss/podcasts/v-kurse", "Медуза: В курсе", "ru");

    private final FeedReader reader = new FeedReader();

    @Test
    void readsAnEnglishRssFeedWithItunesTagsAndHtmlShowNotes() throws Exception {
        ParsedFeed parsed = reader.read(NAKED_PRAVDA, FeedFixtures.bytes("naked-pravda-en.xml"));

        assertThat(parsed.title()).isEqualTo("The Naked Pravda");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.duplicateGuids()).isEmpty();
        assertThat(parsed.episodes()).extracting(Episode::title).containsExactly(
                "The war at home: how sanctions changed Russia\u2019s regions",
                "Q&A: what listeners asked about the election",
                "A title with surrounding whitespace");

        Episode latest = parsed.episodes().getFirst();
        assertThat(latest.id()).isEqualTo("the-naked-pravda-27544941243fd30a");
        assertThat(latest.feed()).isEqualTo("The Naked Pravda");
        assertThat(latest.language()).isEqualTo("en");
        assertThat(latest.guid()).isEqualTo("meduza-en-episode-0101");
        assertThat(latest.publishedAt()).isEqualTo(Instant.parse("2024-03-05T17:30:00Z"));
        assertThat(latest.episodeUrl()).isEqualTo("https://meduza.io/en/episodes/2024/03/05/the-war-at-home");
        assertThat(latest.enclosure()).isEqualTo(new Enclosure(
                "https://meduza.io/audio/podcasts/the-naked-pravda/0101.mp3", "audio/mpeg", 48213337));
        assertThat(latest.audioUrl()).isEqualTo("https://meduza.io/audio/podcasts/the-naked-pravda/0101.mp3");
        assertThat(latest.description()).isEqualTo(
                "Kevin Rothrock talks to an economist about sanctions & the regions.\n\n"
                        + "Second paragraph \u2014 with a dash.\nAnd a line break.");
        assertThat(latest.transcripts()).isEmpty();

        assertThat(parsed.episodes()).extracting(Episode::durationSeconds).containsExactly(3723.0, 2730.0, 1830.0);
        assertThat(parsed.episodes().get(1).description()).isEqualTo("Plain text description, no markup at all.");
        assertThat(parsed.episodes().get(2).description())
                .as("falls back to itunes:summary, markup stripped")
                .isEqualTo("Only an itunes:summary here with escaped markup.");
        assertThat(parsed.episodes().get(2).episodeUrl())
                .as("a guid that is no URL is not an episode page, although Rome offers it as the link")
                .isNull();
    }

    @Test
    void readsARussianFeedDeclaredWindows1251WithoutMangling() throws Exception {
        byte[] windows1251 = FeedFixtures.bytes("v-kurse-ru-windows1251.xml");

        ParsedFeed parsed = reader.read(V_KURSE, windows1251);

        assertThat(parsed.title()).isEqualTo("Медуза: В курсе");
        assertThat(parsed.problems()).isEmpty();
        List<Episode> episodes = parsed.episodes();
        assertThat(episodes).extracting(Episode::title).containsExactly(
                "Что происходит с рублем? Объясняем за 15 минут",
                "«Ёжик в тумане»: история одного мультфильма");
        assertThat(episodes).extracting(Episode::description).containsExactly(
                "Курс «прыгает» — рассказываем, почему. Ведущая — Юлия.",
                "Экранированный HTML: «цитата» и пробел.");
        assertThat(episodes).extracting(Episode::publishedAt).containsExactly(
                Instant.parse("2024-03-06T06:00:00Z"), Instant.parse("2024-03-05T06:00:00Z"));
        assertThat(episodes).extracting(Episode::durationSeconds).containsExactly(902.0, 899.0);
        assertThat(episodes.getFirst().id()).isEqualTo("meduza-v-kurse-a250f3c0f9f3be21");
        assertThat(episodes).allSatisfy(e -> assertThat(e.language()).isEqualTo("ru"));
    }

    @Test
    void theSameRussianFeedInUtf8GivesTheSameEpisodes() throws Exception {
        String text = new String(FeedFixtures.bytes("v-kurse-ru-windows1251.xml"), Charset.forName("windows-1251"))
                .replace("encoding=\"windows-1251\"", "encoding=\"UTF-8\"");
        byte[] utf8WithBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text.getBytes(StandardCharsets.UTF_8));

        ParsedFeed fromUtf8 = reader.read(V_KURSE, utf8WithBom);

        assertThat(fromUtf8.episodes())
                .isEqualTo(reader.read(V_KURSE, FeedFixtures.bytes("v-kurse-ru-windows1251.xml")).episodes());
    }

    @Test
    void readsAnAtomFeed() throws Exception {
        Feed atom = new Feed("https://example.org/atom.xml", "Atom Radio", "en");

        ParsedFeed parsed = reader.read(atom, FeedFixtures.bytes("atom.xml"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.episodes()).hasSize(2);
        Episode two = parsed.episodes().get(0);
        assertThat(two.title()).isEqualTo("Episode two");
        assertThat(two.guid()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
        assertThat(two.enclosure()).isEqualTo(new Enclosure("https://cdn.example.org/ep2.m4a", "audio/mp4", 3000000));
        assertThat(two.episodeUrl()).isEqualTo("https://example.org/episodes/2");
        assertThat(two.publishedAt()).isEqualTo(Instant.parse("2024-03-04T07:00:00Z"));
        assertThat(two.description()).isEqualTo("Summary of two.");
        assertThat(two.durationSeconds()).isEqualTo(120.0);

        Episode one = parsed.episodes().get(1);
        assertThat(one.guid()).isEqualTo("tag:example.org,2024:episode-1");
        assertThat(one.publishedAt()).as("only <updated>").isEqualTo(Instant.parse("2024-02-01T08:30:00Z"));
        assertThat(one.description()).isEqualTo("Content of one");
        assertThat(one.audioUrl()).isEqualTo("https://cdn.example.org/ep1.mp3");
        assertThat(one.episodeUrl()).isEqualTo("https://example.org/episodes/1");
    }

    @Test
    void readsPodcastingTwoTranscriptLinksAndReportsOneWithoutUrl() throws Exception {
        Feed feed = new Feed("https://example.org/feed", "Transcribed Weekly", "en");

        ParsedFeed parsed = reader.read(feed, FeedFixtures.bytes("podcast-transcripts.xml"));

        assertThat(parsed.episodes().get(0).transcripts()).containsExactly(
                new TranscriptLink("https://example.org/tw-2.srt", "application/srt", "en", null),
                new TranscriptLink("https://example.org/tw-2.vtt", "text/vtt", "en", "captions"),
                new TranscriptLink("https://example.org/tw-2.json", "application/json", null, null));
        assertThat(parsed.episodes().get(1).transcripts()).as("old GitHub namespace URI").containsExactly(
                new TranscriptLink("https://example.org/tw-1.vtt", "text/vtt", null, null));
        assertThat(parsed.problems()).containsExactly(
                "item 1 ('With transcripts'): podcast:transcript without a url attribute ignored");
    }

    @Test
    void readsPublicationDatesInTheFormsRealFeedsUse() throws Exception {
        Feed feed = new Feed("https://example.org/odd", "Odd Dates", "en");

        ParsedFeed parsed = reader.read(feed, FeedFixtures.bytes("odd-dates.xml"));

        List<Episode> dated = parsed.episodes().stream().filter(e -> !e.title().equals("not a date")).toList();
        assertThat(dated).hasSize(20);
        assertThat(dated).allSatisfy(e -> assertThat(e.publishedAt())
                .as("%s: %s", e.guid(), e.title())
                .isEqualTo(Instant.parse(e.title())));
        Episode undated = parsed.episodes().getLast();
        assertThat(undated.publishedAt()).isNull();
        assertThat(parsed.problems()).containsExactly("item 21 ('not a date'): publication date 'вторник, 5 марта'"
                + " is not a date podgrep can read; left empty");
    }

    @Test
    void keepsTheFirstOfItemsWithTheSameGuidAndReportsTheOthers() throws Exception {
        Feed feed = new Feed("https://example.org/dupes", "Dupes", "en");

        ParsedFeed parsed = reader.read(feed, FeedFixtures.bytes("duplicate-guids.xml"));

        assertThat(parsed.episodes()).extracting(Episode::title).containsExactly("Original", "Other");
        assertThat(parsed.episodes().getFirst().audioUrl()).isEqualTo("https://cdn.example.org/ep-7.mp3");
        assertThat(parsed.duplicateGuids()).containsExactly("ep-7");
        assertThat(parsed.problems()).containsExactly(
                "item 3 ('Republished'): guid 'ep-7' already used by 'Original'; kept the first item, ignored this one",
                "item 4 ('Republished again'): guid 'ep-7' already used by 'Original'; kept the first item, ignored "
                        + "this one");
    }

    @Test
    void identifiesItemsWithoutGuidByTheirEnclosureUrl() throws Exception {
        Feed feed = new Feed("https://example.org/no-guids", "No Guids FM", "en");

        ParsedFeed parsed = reader.read(feed, FeedFixtures.bytes("no-guids.xml"));

        assertThat(parsed.episodes()).extracting(Episode::guid).containsExactly(
                "https://cdn.example.org/no-guids/first.mp3", "https://cdn.example.org/no-guids/second.mp3");
        assertThat(parsed.episodes()).extracting(Episode::id).containsExactly(
                EpisodeId.of("No Guids FM", "https://cdn.example.org/no-guids/first.mp3"),
                EpisodeId.of("No Guids FM", "https://cdn.example.org/no-guids/second.mp3"));
        assertThat(parsed.episodes().get(1).episodeUrl()).isEqualTo("https://example.org/second");
        assertThat(parsed.problems()).containsExactly(
                "item 3 ('Announcement without audio'): neither a guid nor an enclosure; skipped");
    }

    @Test
    void malformedXmlFailsWithTheFeedNameAndThePlace() {
        assertThatThrownBy(() -> reader.read(NAKED_PRAVDA, FeedFixtures.bytes("malformed.xml")))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("Feed 'The Naked Pravda' (https://meduza.io/rss/podcasts/the-naked-pravda)"
                        + " could not be read: invalid XML at line 11, column")
                .hasMessageContaining("item")
                .satisfies(e -> assertThat(((FeedParseException) e).feed()).isEqualTo(NAKED_PRAVDA));
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        byte[] html = "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(NAKED_PRAVDA, html))
                .isInstanceOf(FeedParseException.class)
                .hasMessageEndingWith("could not be read: not an RSS or Atom feed: the document is an HTML page");
        byte[] xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>Back soon</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(NAKED_PRAVDA, xhtml))
                .isInstanceOf(FeedParseException.class)
                .hasMessageEndingWith("could not be read: not an RSS or Atom feed (the document is <html> in "
                        + "http://www.w3.org/1999/xhtml)");
    }

    @Test
    void anEmptyDocumentFailsClearly() {
        assertThatThrownBy(() -> reader.read(NAKED_PRAVDA, new byte[0]))
                .isInstanceOf(FeedParseException.class)
                .hasMessageEndingWith("could not be read: the document is empty");
    }

    @Test
    void externalEntitiesAreRefused() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(NAKED_PRAVDA, xxe))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
