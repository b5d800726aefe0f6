package dev.podgrep.app.names;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The <em>stem</em> of a word: the match key ({@link MatchKey}) of its stem, so that inflected forms meet
 * ({@code военнопленные / военнопленных}, {@code Путинцев / Путинцева / Путинцеву}, {@code sanction / sanctions /
 * sanctioned}). Computed in the application with Lucene's stemmers ({@code lucene-analysis-common}, the Lucene of
 * the Elasticsearch podgrep targets), at index time for every transcript word and at query time for every query
 * word, so it behaves the same on the plugin-less local node and on a cluster.
 *
 * <h2>Which stemmer</h2>
 * The stemmer follows the word's script, not the episode's language (a Russian transcript may quote an English
 * name and the other way round):
 * <ul>
 *   <li>Cyrillic: Lucene's {@code RussianLightStemFilter} (Savoy's light stemmer: case and number endings),
 *       applied until the word no longer changes (at most {@value #MAX_PASSES} passes), because surnames in
 *       {@code -ов/-ев/-ин} lose the suffix only in their base form: one pass gives {@code путинцев → путинц} but
 *       {@code путинцева → путинцев}; two passes give {@code путинц} for every case. Chosen over the Snowball
 *       Russian stemmer, which (especially applied repeatedly) over-stems common words ({@code военные → во},
 *       {@code военнопленные → военнопл}).</li>
 *   <li>Latin: Lucene's {@code KStemFilter} (Krovetz: inflection and a dictionary of derivations), chosen over
 *       Snowball/Porter, which conflates words with different meanings ({@code prisoner/prison},
 *       {@code university/universe}, {@code police/policy}: measured on the search-quality set,
 *       docs/benchmarks.md). An English possessive {@code 's} is dropped first.</li>
 *   <li>Anything else (digits, mixed scripts, other scripts, words with inner punctuation): the match key
 *       itself.</li>
 * </ul>
 * The stem is then turned into a match key ({@link MatchKey#of(String)}), so stems live in the same Latin key
 * space as keys and {@code Путинцева} and {@code Putintsev} can meet.
 *
 * <h2>Query words in Latin letters</h2>
 * A user may type a Russian name or word in Latin letters ({@code Putintsev}) that the transcript has in an inflected
 * Cyrillic form ({@code Путинцева}). {@link #queryStems(String)} therefore also reads a Latin query word as Russian
 * (ICU's {@code Latin-Russian/BGN} transliterator), stems that reading with the Russian stemmer and adds its key:
 * {@code putintsev → путинцев → путинц → putints}. The extra stem can only meet Russian words with that stem; words
 * shorter than {@value #MIN_RUSSIAN_READING} letters are not read as Russian ({@code dude} would meet {@code Дудь}).
 *
 * <p>Thread-safe (Lucene analyzers keep per-thread state); results of the latest words are cached.
 */
public final class Stem {

    /** Fewest letters of a Latin query word that is also read as Russian (shorter ones are English words). */
    static final int MIN_RUSSIAN_READING = 5;
    /** Most stemming passes over a Cyrillic word. */
    static final int MAX_PASSES = 3;
    private static final int CACHE_LIMIT = 200_000;

    private static final Analyzer RUSSIAN = new OneWordAnalyzer(true);
    private static final Analyzer ENGLISH = new OneWordAnalyzer(false);
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    /** Query stems by token: ICU's rule-based transliterator costs far more than a lookup (measured: it was most of
     * the application's time per search hit, which asks for the stems of every query word). */
    private static final Map<String, List<String>> QUERY_CACHE = new ConcurrentHashMap<>();

    private Stem() {
    }

    /**
     * The stem key of a word (see the class comment), {@code ""} when the word has no match key. Equal to the
     * word's match key when the stemmer leaves it whole.
     */
    public static String of(String word) {
        if (word == null || word.isEmpty()) {
            return "";
        }
        String cached = CACHE.get(word);
        if (cached != null) {
            return cached;
        }
        String stem = compute(word);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(word, stem);
        return stem;
    }

    /**
     * The stems of a segment's words, one per word in the same order; a word without a key gets
     * {@link MatchKey#PLACEHOLDER} (positions stay aligned with {@link MatchKey#keysOf(List)}).
     */
    public static List<String> stemsOf(List<String> words) {
        List<String> stems = new ArrayList<>(words.size());
        for (String w : words) {
            String s = of(w);
            stems.add(s.isEmpty() ? MatchKey.PLACEHOLDER : s);
        }
        return stems;
    }

    /**
     * The stems a query token matches: its own stem and, for a token in Latin letters, the stem of its Russian
     * reading (see the class comment). Never empty for a token with a key; distinct, own stem first.
     */
    public static List<String> queryStems(String token) {
        if (token == null) {
            return List.of();
        }
        List<String> cached = QUERY_CACHE.get(token);
        if (cached != null) {
            return cached;
        }
        List<String> stems = computeQueryStems(token);
        if (QUERY_CACHE.size() >= CACHE_LIMIT) {
            QUERY_CACHE.clear();
        }
        QUERY_CACHE.put(token, stems);
        return stems;
    }

    private static List<String> computeQueryStems(String token) {
        String own = of(token);
        if (own.isEmpty()) {
            return List.of();
        }
        String lower = letters(token);
        if (lower == null || lower.length() < MIN_RUSSIAN_READING || script(lower) != Script.LATIN) {
            return List.of(own);
        }
        String russian = MatchKey.of(stemRussian(Latin.toRussian(lower)));
        return russian.isEmpty() || russian.equals(own) ? List.of(own) : List.of(own, russian);
    }

    private static String compute(String word) {
        String key = MatchKey.of(word);
        if (key.isEmpty()) {
            return "";
        }
        String lower = letters(word);
        if (lower == null) {
            return key;
        }
        String stem = switch (script(lower)) {
            case CYRILLIC -> stemRussian(lower);
            case LATIN -> run(ENGLISH, lower);
            case OTHER -> null;
        };
        if (stem == null) {
            return key;
        }
        String stemKey = MatchKey.of(stem);
        return stemKey.isEmpty() ? key : stemKey;
    }

    private static String stemRussian(String lower) {
        String current = lower;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            String next = run(RUSSIAN, current);
            if (next.equals(current) || next.length() < 2) {
                break;
            }
            current = next;
        }
        return current;
    }

    /**
     * The word lower-cased (NFKC, {@code ё → е}), without edge punctuation and an English possessive; null when
     * anything but letters is left (digits, inner punctuation: {@code COVID-19}, {@code G7} are not stemmed).
     */
    static String letters(String word) {
        String lower = Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetterOrDigit(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(lower.charAt(end - 1))) {
            end--;
        }
        lower = lower.substring(start, end);
        if (lower.length() > 2 && (lower.endsWith("'s") || lower.endsWith("’s"))) {
            lower = lower.substring(0, lower.length() - 2);
        }
        if (lower.isEmpty()) {
            return null;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!Character.isLetter(c) || Tokens.isApostrophe(c)) {
                return null;
            }
        }
        return lower;
    }

    private enum Script { LATIN, CYRILLIC, OTHER }

    private static Script script(String lower) {
        boolean latin = true;
        boolean cyrillic = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            latin &= c >= 'a' && c <= 'z';
            cyrillic &= Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC;
        }
        return latin ? Script.LATIN : cyrillic ? Script.CYRILLIC : Script.OTHER;
    }

    private static String run(Analyzer analyzer, String word) {
        try (TokenStream stream = analyzer.tokenStream("word", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String out = stream.incrementToken() ? term.toString() : word;
            stream.end();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** A whole word as one token through one stemmer (Lucene reuses the components per thread). */
    private static final class OneWordAnalyzer extends Analyzer {
        private final boolean russian;

        OneWordAnalyzer(boolean russian) {
            this.russian = russian;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer tokenizer = new KeywordTokenizer();
            TokenStream stemmed = russian ? new RussianLightStemFilter(tokenizer) : new KStemFilter(tokenizer);
            return new TokenStreamComponents(tokenizer, stemmed);
        }
    }

    /** ICU's BGN/PCGN reading of Latin letters as Russian, loaded on the first Latin query word. */
    private static final class Latin {
        private static final Transliterator TO_RUSSIAN = Transliterator.getInstance("Latin-Russian/BGN");

        static synchronized String toRussian(String latin) {
            return TO_RUSSIAN.transliterate(latin);
        }
    }
}
