package dev.podgrep.ingest.episode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable, URL-safe id of an episode: {@code <feed-slug>-<16 hex chars>}, for example
 * {@code the-naked-pravda-3f9a0c2b71d4e8a5}.
 *
 * <p>The hex part is the first 16 hex characters (64 bits) of SHA-256 over {@code feedName + "\n" + guid}, so the
 * same item of the same configured feed always gets the same id, whatever else changes in the feed. The slug is
 * the feed name in lower case ASCII (Cyrillic transliterated, diacritics dropped, everything else turned into
 * {@code -}), at most {@value #MAX_SLUG_LENGTH} characters; it only makes ids readable, the hash makes them
 * unique. Ids contain only {@code [a-z0-9-]}, so they are safe in URLs, Elasticsearch ids and file names.
 *
 * <p>Changing anything here changes every id already stored: don't.
 */
public final class EpisodeId {

    /** Longest slug kept in front of the hash. */
    public static final int MAX_SLUG_LENGTH = 40;

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{16}");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final HexFormat HEX = HexFormat.of();

    /** Russian/Ukrainian/Belarusian letters, transliterated roughly as in passports (ICAO 9303). */
    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"),
            Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"),
            Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "i"), Map.entry('к', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"),
            Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"),
            Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""),
            Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "iu"),
            Map.entry('я', "ia"), Map.entry('і', "i"), Map.entry('ї', "i"), Map.entry('є', "ie"),
            Map.entry('ґ', "g"), Map.entry('ў', "u"));

    private EpisodeId() {
    }

    /**
     * The id of the item with this guid in the feed with this configured name.
     *
     * @param feedName the feed's configured name ({@link dev.podgrep.ingest.feed.Feed#name()})
     * @param guid     the item's guid, or its enclosure URL when it has no guid
     * @return an id matching {@code [a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{16}}
     */
    public static String of(String feedName, String guid) {
        Objects.requireNonNull(feedName, "feedName");
        Objects.requireNonNull(guid, "guid");
        if (guid.isBlank()) {
            throw new IllegalArgumentException("an episode id needs a non-blank guid (feed '" + feedName + "')");
        }
        byte[] digest = sha256((feedName + "\n" + guid).getBytes(StandardCharsets.UTF_8));
        return slug(feedName) + "-" + HEX.formatHex(digest, 0, 8);
    }

    /**
     * The readable part of ids of a feed: its name in lower case ASCII words joined by {@code -}; {@code feed}
     * when nothing of the name survives.
     *
     * @param feedName a feed name, e.g. {@code "Медуза: В курсе"}
     * @return e.g. {@code "meduza-v-kurse"}
     */
    public static String slug(String feedName) {
        String lower = feedName.toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String transliterated = CYRILLIC.get(c);
            latin.append(transliterated != null ? transliterated : String.valueOf(c));
        }
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(latin, Normalizer.Form.NFD)).replaceAll("");
        String slug = NOT_SLUG.matcher(ascii).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_SLUG_LENGTH));
        }
        return slug.isEmpty() ? "feed" : slug;
    }

    /**
     * Whether a string has the form of an episode id; use before trusting an id from outside (a URL, a file name).
     *
     * @param id a candidate id, may be null
     * @return true when {@code id} could have been made by {@link #of}
     */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
