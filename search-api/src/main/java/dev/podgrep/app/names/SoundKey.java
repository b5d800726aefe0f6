package dev.podgrep.app.names;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * <em>Sound codes</em>: how a word, or a run of two or three adjacent words, sounds, so that a name the recognizer
 * did not know and wrote as known words that sound like it ({@code "put in sev"} for Putintsev, {@code "pre go
 * jean"} for Prigozhin, {@code "путин сев"} for Путинцев) or misspelt ({@code Frollov}) still meets the name.
 * This is how keyword search for out-of-vocabulary words works in speech retrieval: match by sound against
 * in-vocabulary "proxies".
 *
 * <h2>How a code is made</h2>
 * Commons-codec's Double Metaphone (Lawrence Philips' algorithm for names), primary code, on the <em>match key</em>
 * ({@link MatchKey}) of the word or of the words of the run written together. Because keys are already Latin, one
 * encoder serves both scripts: {@code путин сев → putinsev}. Before encoding, {@code ts} is read as {@code s} (a
 * recognizer hears the {@code ц} of {@code -цев} as {@code s}). The code is a consonant skeleton, so the first
 * letter of the key (the onset a listener and a recognizer hear best) and the key's length are appended:
 * {@code putinsev → PTNSFp8}; a query key matches runs of its own length and one letter shorter or longer
 * ({@code putintsev} meets {@code put in sev}, {@code Frolov} does not meet {@code were law}). Chosen over commons-codec's
 * Beider-Morse (which reads Cyrillic itself) because Beider-Morse was measured at ~2 ms per word on this machine
 * (a million segments have ~40 million runs to encode) and returns up to a dozen alternatives per word, far more
 * false sound matches.
 *
 * <h2>Precision</h2>
 * Short codes sound like too much ({@code bank, bang, punk}), so:
 * <ul>
 *   <li>a code has at least {@value #MIN_CODE} consonants (shorter codes are neither indexed nor queried);</li>
 *   <li>only query words whose key has {@value #MIN_QUERY_KEY} to {@value #MAX_QUERY_KEY} letters match by sound
 *       ({@link #queryCodes(String)}): name-like words; short common words and long ordinary words
 *       ({@code мобилизация}, whose inflections the stem tier finds) never do;</li>
 *   <li>the first letter and the length must agree (above): ±{@value #LENGTH_SLACK} letter for codes of at least
 *       {@value #SLACK_FROM_CODE} consonants, the same length for shorter codes (a four-consonant skeleton is
 *       common: {@code Frolov} would meet {@code for luvo});</li>
 *   <li>the alternate Double Metaphone code is not used: it reads an initial {@code w} as {@code f} and the like,
 *       which doubled the false sound matches on the quality set;</li>
 *   <li>runs are at most {@value #MAX_RUN} words and their keys together at most {@value #MAX_RUN_LETTERS}
 *       letters;</li>
 *   <li>a sound match ranks below exact and stem matches (search ranking tiers).</li>
 * </ul>
 * Thread-safe (the encoder has no state besides its configured code length).
 */
public final class SoundKey {

    /** Fewest letters of a code that is used. */
    public static final int MIN_CODE = 4;
    /** Fewest letters of a query key that is matched by sound. */
    public static final int MIN_QUERY_KEY = 6;
    /** Most letters of a query key that is matched by sound (longer words are ordinary words, not names). */
    public static final int MAX_QUERY_KEY = 12;
    /** How many letters longer or shorter than the query key a sound-alike run may be. */
    public static final int LENGTH_SLACK = 1;
    /** Codes of fewer consonants than this must match a run of the query key's exact length. */
    public static final int SLACK_FROM_CODE = 5;
    /** Most adjacent words in a run. */
    public static final int MAX_RUN = 3;
    /** Most letters of the keys of a run together. */
    public static final int MAX_RUN_LETTERS = 24;
    private static final int CODE_LENGTH = 10;

    private static final DoubleMetaphone ENCODER = new DoubleMetaphone();

    static {
        ENCODER.setMaxCodeLen(CODE_LENGTH);
    }

    private SoundKey() {
    }

    /**
     * The sound code of one key (or of several keys written together), or none when it is too short: Double
     * Metaphone's primary code, then the key's first letter and its length, e.g. {@code putinsev → PTNSFp8}
     * (see the class comment).
     */
    public static Set<String> codes(String key) {
        if (key == null || key.isEmpty() || key.equals(MatchKey.PLACEHOLDER)) {
            return Set.of();
        }
        String code = ENCODER.doubleMetaphone(key.replace("ts", "s"), false);
        if (code == null || code.length() < MIN_CODE) {
            return Set.of();
        }
        return Set.of(code + key.charAt(0) + key.length());
    }

    /**
     * The codes a query key matches: the code of the key with its length and, when the consonant code has at least
     * {@value #SLACK_FROM_CODE} letters, the lengths one letter shorter and longer; none when the key is shorter than {@value #MIN_QUERY_KEY} or longer than {@value #MAX_QUERY_KEY}
     * letters or holds digits.
     */
    public static Set<String> queryCodes(String key) {
        if (key == null || key.length() < MIN_QUERY_KEY || key.length() > MAX_QUERY_KEY
                || !key.chars().allMatch(Character::isLetter)) {
            return Set.of();
        }
        Set<String> own = codes(key);
        if (own.isEmpty()) {
            return own;
        }
        String prefix = own.iterator().next();
        prefix = prefix.substring(0, prefix.length() - String.valueOf(key.length()).length());
        int slack = prefix.length() - 1 >= SLACK_FROM_CODE ? LENGTH_SLACK : 0;
        Set<String> codes = new LinkedHashSet<>(3);
        for (int len = key.length() - slack; len <= key.length() + slack; len++) {
            codes.add(prefix + len);
        }
        return codes;
    }

    /**
     * For every word of a segment (given by its keys, {@link MatchKey#PLACEHOLDER} for words without one): the
     * codes of the runs that start there, one entry per run length 1..{@value #MAX_RUN} (empty sets where a run
     * is not possible: past the end, over a placeholder, too many letters, code too short).
     */
    public static List<List<Set<String>>> runCodes(List<String> keys) {
        List<List<Set<String>>> all = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            List<Set<String>> runs = new ArrayList<>(MAX_RUN);
            StringBuilder joined = new StringBuilder();
            boolean open = true;
            for (int len = 1; len <= MAX_RUN; len++) {
                int last = i + len - 1;
                if (open && last < keys.size() && isWord(keys.get(last))) {
                    joined.append(keys.get(last));
                    open = joined.length() <= MAX_RUN_LETTERS;
                } else {
                    open = false;
                }
                runs.add(open ? codes(joined.toString()) : Set.of());
            }
            all.add(runs);
        }
        return all;
    }

    /** Every distinct code of {@link #runCodes(List)}: the segment's value of the sounds field. */
    public static Set<String> segmentCodes(List<String> keys) {
        Set<String> codes = new LinkedHashSet<>();
        for (List<Set<String>> runs : runCodes(keys)) {
            runs.forEach(codes::addAll);
        }
        return codes;
    }

    private static boolean isWord(String key) {
        return !key.isEmpty() && !key.equals(MatchKey.PLACEHOLDER) && key.chars().allMatch(Character::isLetter);
    }

    private static void add(Set<String> codes, String code) {
        if (code != null && code.length() >= MIN_CODE) {
            codes.add(code);
        }
    }
}
