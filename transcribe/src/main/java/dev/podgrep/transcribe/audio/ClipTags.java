package dev.podgrep.transcribe.audio;

/**
 * The ID3v2 tags of a clip written by {@link AudioClipper}.
 *
 * @param title  the clip's title, e.g. the citation line of the quote
 * @param artist who it is by, e.g. the feed's name
 * @param album  where it is from, e.g. the episode's title; may be null
 */
public record ClipTags(String title, String artist, String album) {

    /** Longest tag value written; longer values are cut (ID3 frames can be long, players show a line). */
    static final int MAX_LENGTH = 1000;

    public ClipTags {
        title = clean(title);
        artist = clean(artist);
        album = clean(album);
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String single = value.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ").strip();
        return single.length() > MAX_LENGTH ? single.substring(0, MAX_LENGTH) : single;
    }
}
