package dev.podgrep.app.pages;

import java.util.List;

/**
 * What the moment page ({@code /episodes/{id}}) shows: the episode, where its transcript came from, the player's
 * start, the transcript in paragraphs of timed words, what a search inside the episode found, and the quote of the
 * range {@code t..end} when one was asked.
 *
 * @param episodeId   the episode
 * @param title       its title (its id when it has none)
 * @param feed        its feed's name
 * @param language    {@code en} or {@code ru}
 * @param date        the publication date in the reader's language, or empty
 * @param dateIso     the same as ISO-8601, or empty
 * @param episodeUrl  the episode's page at its publisher, or null
 * @param audioUrl    the player's source: the feed's enclosure with {@code #t=} when a start was asked, or null
 * @param start       where the player starts, seconds (plain decimal), or null for the beginning
 * @param notice      why there is no (or only part of a) transcript, in the reader's language, or null
 * @param provenance  where the transcript came from, in the reader's language, or null without a transcript
 * @param lowConfidence whether some words are marked as uncertain (the legend is shown then)
 * @param paragraphs  the transcript
 * @param words       how many words it has
 * @param find        the search inside the episode, or null when none was asked
 * @param quote       the quote of {@code t..end}, or null
 * @param quoteError  why {@code t..end} could not be quoted, or null
 * @param searchHref  the search page for {@code q} (where the reader came from), or null without a query
 */
public record MomentPage(String episodeId, String title, String feed, String language, String date, String dateIso,
                         String episodeUrl, String audioUrl, String start, String notice, String provenance,
                         boolean lowConfidence, List<Paragraph> paragraphs, int words, Find find, QuoteView quote,
                         String quoteError, String searchHref) {

    /**
     * Consecutive segments shown as one paragraph.
     *
     * @param start  its first word's start (plain decimal)
     * @param clock  the same as {@code mm:ss}
     * @param href   the moment page from here
     * @param words  its words in time order
     */
    public record Paragraph(String start, String clock, String href, List<Word> words) {

        /**
         * The words as HTML, {@code <span class="word" data-start data-end>text</span> } each (the space outside, so
         * that a match or the word being played is marked without a trailing blank; the stylesheet joins up the
         * quoted words), text escaped. Written here rather than by a template loop:
         * a 2-hour episode has 20,000 words, and this is where the page's time would go.
         */
        public String html() {
            StringBuilder b = new StringBuilder(words.size() * 64);
            for (Word w : words) {
                b.append("<span class=\"word");
                if (!w.css().isEmpty()) {
                    b.append(' ').append(w.css());
                }
                b.append("\" data-start=\"").append(w.start()).append("\" data-end=\"").append(w.end()).append("\">");
                escape(w.text(), b);
                b.append("</span> ");
            }
            return b.toString();
        }

        private static void escape(String s, StringBuilder b) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&#39;");
                    default -> b.append(c);
                }
            }
        }
    }

    /**
     * A transcript word.
     *
     * @param text  as transcribed
     * @param start start, seconds (plain decimal for {@code data-start})
     * @param end   end, seconds
     * @param css   extra classes: {@code low} (uncertain), {@code match} (found by the search inside the
     *              episode), {@code quoted} (inside the asked quote); empty when none
     */
    public record Word(String text, String start, String end, String css) {
    }

    /**
     * A search inside the episode: the same query language and word matching as the search page.
     *
     * @param q       the query as typed
     * @param summary {@code 3 matches}, in the reader's language
     * @param matches the first matches, as links to their moment
     * @param error   why the query could not run, or null
     */
    public record Find(String q, String summary, List<SearchPage.Link> matches, String error) {
    }

    /**
     * The quote of a range, as the quote API gives it.
     *
     * @param text      the exact words
     * @param range     {@code mm:ss–mm:ss}
     * @param citation  the citation line
     * @param link      the moment link of the quote (absolute)
     * @param clip      the clip's URL, or null when the quote is too long for a clip
     * @param start     the first word's start (plain decimal)
     * @param end       the last word's end (plain decimal)
     */
    public record QuoteView(String text, String range, String citation, String link, String clip, String start,
                            String end) {
    }
}
