package dev.podgrep.app.ingestion;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Meduza-like RSS documents (iTunes and Podcasting 2.0 tags, HTML show notes) with items pointing at a test host. */
final class TestFeeds {

    private TestFeeds() {
    }

    /** One item; {@code transcriptUrl} may be null. */
    record Item(String guid, String title, Instant published, String audioUrl, int durationSeconds,
                String transcriptUrl, String transcriptType) {
        static Item audio(String guid, String title, String published, String audioUrl) {
            return new Item(guid, title, Instant.parse(published), audioUrl, 3, null, null);
        }

        Item withTranscript(String url, String type) {
            return new Item(guid, title, published, audioUrl, durationSeconds, url, type);
        }
    }

    static String rss(String title, List<Item> items) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                     xmlns:content="http://purl.org/rss/1.0/modules/content/"
                     xmlns:podcast="https://podcastindex.org/namespace/1.0">
                  <channel>
                    <title>%s</title>
                    <link>https://meduza.io/en/podcasts/test</link>
                    <language>en</language>
                    <description>Meduza-like test show.</description>
                    <itunes:author>Meduza</itunes:author>
                """.formatted(title));
        for (Item item : items) {
            xml.append("""
                        <item>
                          <title>%s</title>
                          <link>https://meduza.io/en/episodes/%s</link>
                          <guid isPermaLink="false">%s</guid>
                          <pubDate>%s</pubDate>
                          <description><![CDATA[<p>Show notes of <b>%s</b> &amp; more.</p>]]></description>
                    """.formatted(item.title(), item.guid(), item.guid(),
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(item.published().atOffset(ZoneOffset.UTC)),
                    item.title()));
            if (item.audioUrl() != null) {
                xml.append("      <enclosure url=\"%s\" length=\"12345\" type=\"audio/mpeg\"/>\n"
                        .formatted(item.audioUrl()));
            }
            xml.append("      <itunes:duration>%d</itunes:duration>\n".formatted(item.durationSeconds()));
            if (item.transcriptUrl() != null) {
                xml.append("      <podcast:transcript url=\"%s\" type=\"%s\"/>\n"
                        .formatted(item.transcriptUrl(), item.transcriptType()));
            }
            xml.append("    </item>\n");
        }
        return xml.append("  </channel>\n</rss>\n").toString();
    }
}
