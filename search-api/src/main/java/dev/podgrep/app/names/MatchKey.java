package dev.podgrep.app.names;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The <em>match key</em> of a word: the one form under which a transcript word is indexed and a query word is
 * looked up, so that {@code Navalny}, {@code NAVALNY,}, {@code Navalnyy} and {@code Навальный} all meet.
 *
 * <h2>Why in the application</h2>
 * The Elasticsearch podgrep talks to may be a minimal node with only the standard, whitespace and keyword
 * analyzers (no ICU plugin, no asciifolding, no stemmers), and search must behave identically on a full
 * cluster. So no analysis is left to Elasticsearch: the indexer stores, per segment, the keys of its words
 * (see {@link #keysOf(List)}) joined by single spaces in a field analysed with the {@code whitespace}
 * analyzer, and the query side computes the keys of the query words with this same function. Elasticsearch
 * only ever compares keys with keys (term, phrase and fuzzy queries), and {@link dev.podgrep.app.search.query.WordMatcher} repeats the
 * comparison in the application for highlighting and ranking.
 *
 * <h2>How a key is made</h2>
 * <ol>
 *   <li>Unicode NFKC (composes {@code и}+breve into {@code й}, unfolds ligatures and full-width forms), then
 *       lower case with {@link Locale#ROOT}.</li>
 *   <li>Cyrillic letters are transliterated with a matching-oriented table (not a display standard):
 *       а a, б b, в v, г g, д d, е e, ё e, ж zh, з z, и i, й y, к k, л l, м m, н n, о o, п p, р r, с s, т t,
 *       у u, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ъ —, ы y, ь —, э e, ю yu, я ya; Ukrainian/Belarusian
 *       і i, ї yi, є ye, ґ g, ў u. The table runs before accents are stripped, so that {@code й} does not
 *       decay into {@code и}.</li>
 *   <li>Accents are removed (NFD, drop combining marks: {@code Café → cafe}). Letters still outside ASCII
 *       after that (ß, ø, ł, Greek, Serbian Cyrillic, CJK, …) go through ICU {@code Any-Latin; Latin-ASCII}.
 *       Digits are kept (any script's decimal digits become ASCII digits).</li>
 *   <li>Everything that is not a letter or digit (edge punctuation, apostrophes, inner hyphens, dots) is
 *       dropped. It separates <em>parts</em>: the spelling rules below run on each part, then the parts are
 *       concatenated: {@code Zelenskyy's → zelensky+s}, {@code Римский-Корсаков → rimsky+korsakov},
 *       {@code кто-то → ktoto}, {@code O'Brien → obrien}.</li>
 *   <li>Spelling rules, applied to every part whatever its original script, in this order, so that the
 *       common English spellings of Russian names meet the transliteration:
 *     <ol>
 *       <li>{@code x → ks} ({@code Alexei} meets {@code Алексей}).</li>
 *       <li>{@code iy} before a vowel → {@code i} ({@code Юлия → yuliya → yulia}, {@code Dmitriyev →
 *           dmitriev}).</li>
 *       <li>{@code i} after {@code a e o u} and not before a vowel ({@code aeiouy}) → {@code y}: the
 *           {@code й} of diphthongs ({@code Shoigu → shoygu = Шойгу}, {@code Sergei → sergey = Сергей},
 *           {@code Bolshoi → bolshoy}).</li>
 *       <li>At the end of a part of at least 3 letters, {@code iy yy ij yj yi ii → y}: adjective endings
 *           ({@code Навальный → navalnyy → navalny}, {@code Zelenskyy}, {@code Zelenskiy}, {@code Zelenskij}
 *           and {@code Зеленский → zelensky}, {@code Ходорковский → khodorkovsky}).</li>
 *     </ol>
 *   </li>
 *   <li>Over the whole key (parts joined): {@code ye} and {@code yo} between two consonants → {@code e}: the soft
 *       sign before {@code е/ё} as English and BGN/PCGN spell it ({@code Grigoryev}, BGN
 *       {@code Grigor'yev → grigorev = Григорьев}; {@code Solovyov, Solovyev → solovev = Соловьёв};
 *       {@code Fyodor → fedor = Фёдор}).</li>
 * </ol>
 * What meets exactly (tested): Navalny, Putintsev, Zelensky/Zelenskyy, Shoigu, Khodorkovsky, Yulia, Meduza,
 * Nemtsov, Prigozhin, Alexei/Alexey/Aleksei, Sergei/Sergey, Grigoryev, Solovyov with their Russian spellings, and
 * the BGN/PCGN romanisation (ICU's {@code Russian-Latin/BGN}) of every name of the tests except a word-initial
 * {@code Ye} ({@code Yevgeniy}). Reviewed against BGN/PCGN and the passport scheme (ICAO 9303: {@code й → i},
 * {@code ю → iu}, {@code я → ia}, {@code ъ → ie}): the table keeps the spellings English-language media and
 * listeners type ({@code Shoygu/Shoigu}, {@code Yulia}, {@code Zelensky}), which BGN mostly shares; the passport
 * forms {@code Iuliia}, {@code Zelenskii} are left to the lower tiers. Near misses beyond that
 * ({@code Yevgeny/Евгений}, {@code Julia/Юлия}) and inflected forms ({@code Алексея}) are found by the stem, sound
 * and fuzzy tiers ({@link Stem}, {@link SoundKey}, {@link Fuzziness}).
 *
 * <p>Deliberately <em>not</em> done: a global {@code j → y} (it would merge English {@code jet/yet},
 * {@code jaw/yaw}, {@code joke/yoke}; only the word-final {@code ij/yj} above are folded), {@code ye → e}
 * ({@code year/ear}), {@code kh → h}, stemming. The rules also make a few Russian forms share a key
 * ({@code мой/мои}, {@code партии}/English {@code party}); both spellings are then found by either, which is
 * harmless for search.
 *
 * <h2>Keys and positions</h2>
 * A key consists of ASCII lower-case letters and digits only (rarely another letter ICU could not
 * romanise); it never contains spaces, so one word is one term for the whitespace analyzer. A word whose key
 * is empty (a dash, an emoji, "…") still exists for display; in the {@code keys} field it is represented by
 * {@link #PLACEHOLDER} so that the n-th term is the n-th word and phrase positions stay aligned. The
 * placeholder never equals a query key.
 *
 * <p>Agreement with the query side: {@link Tokens#split(String)} cuts query text into tokens; the key of a
 * token is computed here, exactly as the key of a transcript word. A transcript word that is one token
 * (everything Vosk produces, and publisher words with only edge punctuation) therefore matches the same
 * query token. A transcript word that holds several tokens ({@code Навальный/Путин}) gets the concatenated
 * key and is only found by the same concatenation.
 *
 * <p>Thread-safe; no state besides a lazily created ICU transliterator used under a lock.
 */
public final class MatchKey {

    /** The key stored for a word whose own key is empty, keeping positions aligned. */
    public static final String PLACEHOLDER = "_";

    private MatchKey() {
    }

    /**
     * The match key of one word, or {@code ""} when nothing searchable is left (punctuation, symbols).
     * {@code null} gives {@code ""}.
     */
    public static String of(String word) {
        if (word == null || word.isEmpty()) {
            return "";
        }
        String lower = Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder(lower.length() + 8);
        lower.codePoints().forEach(cp -> {
            String t = cyrillic(cp);
            if (t != null) {
                latin.append(t);
            } else {
                latin.appendCodePoint(cp);
            }
        });
        String plain = stripMarks(latin);
        if (hasNonAsciiLetter(plain)) {
            plain = stripMarks(Icu.toLatin(plain).toLowerCase(Locale.ROOT));
        }
        StringBuilder key = new StringBuilder(plain.length());
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < plain.length(); ) {
            int cp = plain.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                part.append((char) ('0' + Character.digit(cp, 10)));
            } else if (Character.isLetter(cp) && !Tokens.isApostrophe(cp)) {
                part.appendCodePoint(cp);
            } else if (!part.isEmpty()) {
                key.append(spellingRules(part.toString()));
                part.setLength(0);
            }
        }
        if (!part.isEmpty()) {
            key.append(spellingRules(part.toString()));
        }
        return softYe(key);
    }

    /**
     * {@code ye} and {@code yo} between two consonants → {@code e}, over the whole key (a soft sign written as an
     * apostrophe, {@code Grigor'yev}, has split it into parts).
     */
    static String softYe(CharSequence key) {
        String k = key.toString();
        if (k.indexOf('y') <= 0) {
            return k;
        }
        StringBuilder b = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c == 'y' && i > 0 && i + 2 < k.length() && isConsonant(k.charAt(i - 1))
                    && (k.charAt(i + 1) == 'e' || k.charAt(i + 1) == 'o') && isConsonant(k.charAt(i + 2))) {
                b.append('e');
                i++; // the e or o
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The keys of a segment's words, one per word in the same order; a word without a key gets
     * {@link #PLACEHOLDER}. Joined with single spaces this is the value of the {@code keys} field.
     */
    public static List<String> keysOf(List<String> words) {
        List<String> keys = new ArrayList<>(words.size());
        for (String w : words) {
            String k = of(w);
            keys.add(k.isEmpty() ? PLACEHOLDER : k);
        }
        return keys;
    }

    /** {@link #keysOf(List)} joined by single spaces: the value to index in the {@code keys} field. */
    public static String keysField(List<String> words) {
        return String.join(" ", keysOf(words));
    }

    /** The matching-oriented transliteration of one lower-case Cyrillic letter, or null if not Cyrillic-table. */
    static String cyrillic(int cp) {
        return switch (cp) {
            case 'а' -> "a";
            case 'б' -> "b";
            case 'в' -> "v";
            case 'г' -> "g";
            case 'д' -> "d";
            case 'е', 'ё', 'э' -> "e";
            case 'ж' -> "zh";
            case 'з' -> "z";
            case 'и', 'і' -> "i";
            case 'й' -> "y";
            case 'к' -> "k";
            case 'л' -> "l";
            case 'м' -> "m";
            case 'н' -> "n";
            case 'о' -> "o";
            case 'п' -> "p";
            case 'р' -> "r";
            case 'с' -> "s";
            case 'т' -> "t";
            case 'у', 'ў' -> "u";
            case 'ф' -> "f";
            case 'х' -> "kh";
            case 'ц' -> "ts";
            case 'ч' -> "ch";
            case 'ш' -> "sh";
            case 'щ' -> "shch";
            case 'ъ', 'ь' -> "";
            case 'ы' -> "y";
            case 'ю' -> "yu";
            case 'я' -> "ya";
            case 'ї' -> "yi";
            case 'є' -> "ye";
            case 'ґ' -> "g";
            default -> null;
        };
    }

    /** The spelling rules of the class comment, on one part (lower-case letters and digits). */
    static String spellingRules(String part) {
        String p = part.indexOf('x') >= 0 ? part.replace("x", "ks") : part;
        // iy before a vowel -> i
        if (p.contains("iy")) {
            StringBuilder b = new StringBuilder(p.length());
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                b.append(c);
                if (c == 'i' && i + 2 < p.length() && p.charAt(i + 1) == 'y' && isVowel(p.charAt(i + 2))) {
                    i++; // skip the y
                }
            }
            p = b.toString();
        }
        // i after a/e/o/u and not before a vowel -> y (decided on the unmodified neighbours); an i at position 0
        // has no letter before it, but later ones may ("izmailov" -> "izmaylov")
        if (p.indexOf('i', 1) > 0) {
            char[] out = p.toCharArray();
            for (int i = 1; i < p.length(); i++) {
                if (p.charAt(i) == 'i' && "aeou".indexOf(p.charAt(i - 1)) >= 0
                        && (i + 1 == p.length() || !isVowelOrY(p.charAt(i + 1)))) {
                    out[i] = 'y';
                }
            }
            p = new String(out);
        }
        // word-final iy yy ij yj yi ii -> y
        int n = p.length();
        if (n >= 3) {
            char a = p.charAt(n - 2);
            char b = p.charAt(n - 1);
            if ((a == 'i' || a == 'y') && (b == 'y' || b == 'j' || b == 'i')) {
                p = p.substring(0, n - 2) + 'y';
            }
        }
        return p;
    }

    private static boolean isConsonant(char c) {
        return c >= 'a' && c <= 'z' && !isVowelOrY(c);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    private static boolean isVowelOrY(char c) {
        return isVowel(c) || c == 'y';
    }

    private static String stripMarks(CharSequence s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                    && type != Character.ENCLOSING_MARK) {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    private static boolean hasNonAsciiLetter(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 && Character.isLetter(cp) && !Tokens.isApostrophe(cp)) {
                return true;
            }
        }
        return false;
    }

    /** ICU is loaded only when a word needs it (rare: non-Latin, non-Russian scripts and letters like ß). */
    private static final class Icu {
        private static final Transliterator TO_LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII");

        static synchronized String toLatin(String s) {
            return TO_LATIN.transliterate(s);
        }
    }
}
