package dev.podgrep.app.search.query;

import dev.podgrep.app.search.query.SegmentMatch.Kind;
import dev.podgrep.app.names.MatchKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class WordMatcherTest {

    private static SegmentMatch match(String segment, String query) {
        return WordMatcher.matchWords(Arrays.asList(segment.split(" ")), QueryParser.parse(query));
    }

    @Test
    void exactWordAcrossScripts() {
        SegmentMatch m = match("Сегодня мы говорим про Алексея Навального и Навальный сказал", "Navalny");
        assertThat(m.matches()).isTrue();
        assertThat(m.exact()).isTrue();
        assertThat(m.words()).containsExactly(entry(7, Kind.EXACT));
        assertThat(m.firstMatchedWord()).isEqualTo(7);
    }

    @Test
    void cyrillicQueryFindsLatinTranscript() {
        SegmentMatch m = match("Yulia Navalnaya spoke about Navalny today", "Юлия Навальный");
        assertThat(m.exact()).isTrue();
        assertThat(m.matchedWords()).containsExactly(0, 4);
    }

    @Test
    void allRequiredWordsMustMatch() {
        assertThat(match("Putin met Shoigu", "putin shoigu").matches()).isTrue();
        assertThat(match("Putin met Gerasimov", "putin shoigu").matches()).isFalse();
        assertThat(match("Putin met Gerasimov", "putin shoigu")).isEqualTo(SegmentMatch.NONE);
    }

    @Test
    void navalniFindsNavalnyFuzzily() {
        SegmentMatch m = match("сказал Навальный вчера", "navalni");
        assertThat(m.matches()).isTrue();
        assertThat(m.exact()).isFalse();
        assertThat(m.words()).containsExactly(entry(1, Kind.FUZZY));
        assertThat(m.fuzzyTerms()).isEqualTo(1);
        assertThat(m.exactTerms()).isZero();
    }

    @Test
    void oneLetterOffInALongName() {
        assertThat(match("Путинцев", "putinsev").words()).containsExactly(entry(0, Kind.FUZZY));
        assertThat(match("Putintsev", "Путинсев").words()).containsExactly(entry(0, Kind.FUZZY));
    }

    @Test
    void transpositionIsOneEdit() {
        assertThat(match("Navalny", "navlany").words()).containsExactly(entry(0, Kind.FUZZY));
        assertThat(match("Putin", "putni").words()).containsExactly(entry(0, Kind.FUZZY));
    }

    @Test
    void fourLetterKeysAreNeverFuzzy() {
        assertThat(match("Putin spoke", "putn").matches()).isFalse();
        assertThat(match("the wind", "wond").matches()).isFalse();
        assertThat(match("Yury Dud", "dude").matches()).isFalse();
        assertThat(match("Yury Dud", "dud").matches()).isTrue();
    }

    @Test
    void fiveToSevenLettersAllowOneEdit() {
        assertThat(match("Putin", "patin").matches()).isTrue();
        assertThat(match("Putin", "patan").matches()).isFalse();
        assertThat(match("Navalny", "novalni").matches()).isFalse();
    }

    @Test
    void eightLettersAndMoreAllowTwoEdits() {
        assertThat(match("Khodorkovsky", "khodarkovski").matches()).isTrue();
        assertThat(match("Khodorkovsky", "hadarkovski").matches()).isFalse();
        assertThat(match("Sergeyev", "Сергеев").matches()).isTrue(); // sergeev: 7, one edit
    }

    @Test
    void exactRanksAboveFuzzy() {
        var query = QueryParser.parse("navalny");
        SegmentMatch fuzzy = WordMatcher.matchWords(List.of("Navalni", "spoke"), query);
        SegmentMatch exact = WordMatcher.matchWords(List.of("Навальный", "говорил"), query);
        SegmentMatch none = WordMatcher.matchWords(List.of("Putin"), query);
        List<SegmentMatch> ranked = new ArrayList<>(List.of(none, fuzzy, exact));
        ranked.sort(SegmentMatch.BEST_FIRST);
        assertThat(ranked).containsExactly(exact, fuzzy, none);
    }

    @Test
    void aTermWithAnExactOccurrenceCountsAsExactButFuzzyOnesAreMarkedToo() {
        SegmentMatch m = match("Navalni and Navalny", "navalny");
        assertThat(m.exact()).isTrue();
        assertThat(m.words()).containsExactly(entry(0, Kind.FUZZY), entry(2, Kind.EXACT));
        assertThat(m.firstMatchedWord()).isZero();
    }

    @Test
    void phraseNeedsConsecutiveExactKeys() {
        assertThat(match("вчера Алексей Навальный сказал", "\"Alexei Navalny\"").words())
                .containsExactly(entry(1, Kind.EXACT), entry(2, Kind.EXACT));
        assertThat(match("Navalny said Alexei", "\"Alexei Navalny\"").matches()).isFalse();
        assertThat(match("Alexei Navalni", "\"Alexei Navalny\"").matches()).isFalse(); // no fuzzy in phrases
    }

    @Test
    void everyOccurrenceOfAPhraseIsMarked() {
        assertThat(match("no no no", "\"no no\"").matchedWords()).containsExactly(0, 1, 2);
    }

    @Test
    void placeholderBreaksAPhrase() {
        List<String> keys = MatchKey.keysOf(List.of("Navalny", "—", "Putin"));
        assertThat(WordMatcher.match(keys, QueryParser.parse("\"navalny putin\"")).matches()).isFalse();
        assertThat(WordMatcher.match(keys, QueryParser.parse("navalny putin")).matches()).isTrue();
    }

    @Test
    void quotedSingleWordIsExactOnly() {
        assertThat(match("Navalni", "\"navalny\"").matches()).isFalse();
        assertThat(match("Navalny", "\"navalny\"").exact()).isTrue();
    }

    @Test
    void exclusions() {
        assertThat(match("Putin and Navalny", "putin -navalny").matches()).isFalse();
        assertThat(match("Putin and Shoigu", "putin -navalny").matches()).isTrue();
        assertThat(match("Putin and Navalni", "putin -navalny").matches()).isTrue(); // exclusions are exact
        assertThat(match("Путин и Навальный", "putin -Navalny").matches()).isFalse();
    }

    @Test
    void excludedPhrases() {
        assertThat(match("Putin and Alexei Navalny", "putin -\"alexei navalny\"").matches()).isFalse();
        assertThat(match("Putin and Navalny Alexei", "putin -\"alexei navalny\"").matches()).isTrue();
    }

    @Test
    void matchKeyDirectly() {
        var term = new QueryTerm.Word("navalny", "navalny");
        assertThat(WordMatcher.matchKey("navalny", term)).isEqualTo(Kind.EXACT);
        assertThat(WordMatcher.matchKey("navalni", term)).isEqualTo(Kind.FUZZY);
        assertThat(WordMatcher.matchKey("putin", term)).isNull();
        assertThat(WordMatcher.matchKey(MatchKey.PLACEHOLDER, term)).isNull();
        assertThat(WordMatcher.matchKey("", term)).isNull();
    }

    @Test
    void matchesStoredKeys() {
        var m = WordMatcher.match(List.of("aleksey", "_", "navalny"), QueryParser.parse("Алексей Navalny"));
        assertThat(m.words()).isEqualTo(Map.of(0, Kind.EXACT, 2, Kind.EXACT));
    }

    @Test
    void highlightWrapsEachMatchedWord() {
        assertThat(WordMatcher.highlight(List.of("Alexei", "Navalny", "said"), Set.of(0, 1)))
                .isEqualTo("<em>Alexei</em> <em>Navalny</em> said");
        assertThat(WordMatcher.highlight(List.of("nothing", "here"), Set.of())).isEqualTo("nothing here");
        assertThat(WordMatcher.highlight(List.of("one"), Set.of(5))).isEqualTo("one");
    }

    @Test
    void highlightEscapesHtml() {
        String html = WordMatcher.highlight(List.of("<script>alert(1)</script>", "Tom", "&", "\"Jerry's\""),
                Set.of(0, 3));
        assertThat(html).isEqualTo("<em>&lt;script&gt;alert(1)&lt;/script&gt;</em> Tom &amp;"
                + " <em>&quot;Jerry&#39;s&quot;</em>");
        assertThat(html).doesNotContain("<script>");
    }

    @Test
    void highlightOfAMatch() {
        List<String> words = List.of("Шойгу", "&", "«Герасимов»");
        SegmentMatch m = WordMatcher.matchWords(words, QueryParser.parse("Shoigu Gerasimov"));
        assertThat(WordMatcher.highlight(words, m.matchedWords()))
                .isEqualTo("<em>Шойгу</em> &amp; <em>«Герасимов»</em>");
    }
}
