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
        assertThat(m.words()).containsExactly(entry(5, Kind.STEM), entry(7, Kind.EXACT));
        assertThat(m.firstMatchedWord()).isEqualTo(5);
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
    void aLatinQueryMeetsAnInflectedRussianFormThroughItsRussianReading() {
        // navalni -> навални -> stem навалн = the stem of Навальный
        SegmentMatch m = match("сказал Навальный вчера", "navalni");
        assertThat(m.matches()).isTrue();
        assertThat(m.exact()).isFalse();
        assertThat(m.words()).containsExactly(entry(1, Kind.STEM));
        assertThat(m.kind()).isEqualTo(Kind.STEM);
        assertThat(m.heardAs()).containsExactly("Навальный");
        assertThat(match("они говорили о Путинцеве", "Putintsev").words()).containsExactly(entry(3, Kind.STEM));
    }

    @Test
    void inflectedFormsMeetByStem() {
        assertThat(match("вернули военнопленных домой", "военнопленные").words()).containsExactly(entry(1, Kind.STEM));
        assertThat(match("new sanctions were announced", "sanction").words()).containsExactly(entry(1, Kind.STEM));
        assertThat(match("the prison was full", "prisoner").matches()).isFalse(); // KStem keeps them apart
    }

    @Test
    void aSplitNameMeetsByTheSoundOfTheRun() {
        SegmentMatch m = match("and then put in sev said no", "Putintsev");
        assertThat(m.words()).containsExactly(entry(2, Kind.SOUND), entry(3, Kind.SOUND), entry(4, Kind.SOUND));
        assertThat(m.kind()).isEqualTo(Kind.SOUND);
        assertThat(m.heardAs()).containsExactly("put in sev");
        assertThat(match("вчера путин сев за стол", "Путинцев").matchedWords()).containsExactly(1, 2);
        // the onset and the length must agree too: a four-consonant skeleton alone is not enough
        assertThat(match("this was for luvo", "Frolov").matches()).isFalse();
        // short query words never match by sound
        assertThat(match("the bang was loud", "bank").matches()).isFalse();
    }

    @Test
    void oneLetterOffInALongName() {
        assertThat(match("Путинцев", "putinsev").words()).containsExactly(entry(0, Kind.SOUND));
        assertThat(match("Putintsov", "Путинцев").words()).containsExactly(entry(0, Kind.SOUND)); // sounds alike
        assertThat(match("Butintsev", "Путинцев").words()).containsExactly(entry(0, Kind.FUZZY)); // other onset
    }

    @Test
    void transpositionIsOneEdit() {
        assertThat(match("Navalny", "anvalny").words()).containsExactly(entry(0, Kind.FUZZY));
        assertThat(match("Putin", "putni").words()).containsExactly(entry(0, Kind.FUZZY));
    }

    @Test
    void fourLetterKeysAreNeverFuzzy() {
        assertThat(match("the wind", "wond").matches()).isFalse();
        assertThat(match("Yury Dud", "dude").matches()).isFalse();
        assertThat(match("Yury Dud", "dud").matches()).isTrue();
    }

    @Test
    void fiveToEightLettersAllowOneEdit() {
        assertThat(match("Putin", "patin").matches()).isTrue();
        assertThat(match("Putin", "patan").matches()).isFalse();
        assertThat(match("Navalny", "nivalnu").matches()).isTrue(); // two letters off but sounds alike
        assertThat(match("Zelensky", "lensky").matches()).isFalse(); // two edits from 8 letters: no longer
        assertThat(match("зелёный", "Zelensky").matches()).isFalse();
    }

    @Test
    void nineLettersAndMoreAllowTwoEdits() {
        assertThat(match("Khodorkovsky", "khodarkovski").matches()).isTrue();
        assertThat(match("Khodorkovsky", "hadarkovski").matches()).isFalse();
        assertThat(match("Sergeyev", "Сергеев").matches()).isTrue(); // sergeev: 7, one edit
    }

    @Test
    void tiersRankExactThenStemThenSoundThenFuzzy() {
        var query = QueryParser.parse("Putintsev");
        SegmentMatch fuzzy = WordMatcher.matchWords(List.of("Butintsev", "spoke"), query);
        SegmentMatch sound = WordMatcher.matchWords(List.of("put", "in", "sev", "spoke"), query);
        SegmentMatch stem = WordMatcher.matchWords(List.of("Путинцева", "говорил"), query);
        SegmentMatch exact = WordMatcher.matchWords(List.of("Путинцев", "говорил"), query);
        SegmentMatch none = WordMatcher.matchWords(List.of("Putin"), query);
        assertThat(List.of(exact, stem, sound, fuzzy)).extracting(SegmentMatch::kind)
                .containsExactly(Kind.EXACT, Kind.STEM, Kind.SOUND, Kind.FUZZY);
        List<SegmentMatch> ranked = new ArrayList<>(List.of(none, fuzzy, sound, exact, stem));
        ranked.sort(SegmentMatch.BEST_FIRST);
        assertThat(ranked).containsExactly(exact, stem, sound, fuzzy, none);
        assertThat(exact.heardAs()).containsExactly("Путинцев"); // as spoken: another script than typed
        assertThat(WordMatcher.matchWords(List.of("putintsev"), query).heardAs()).isEmpty();
    }

    @Test
    void aTermWithAnExactOccurrenceCountsAsExactButWeakerOnesAreMarkedToo() {
        SegmentMatch m = match("Navalnyi and Navalny", "navalny");
        assertThat(m.exact()).isTrue();
        assertThat(m.kind()).isEqualTo(Kind.EXACT);
        assertThat(m.words()).containsExactly(entry(0, Kind.EXACT), entry(2, Kind.EXACT));
        SegmentMatch mixed = match("Anvalny and Navalny", "navalny");
        assertThat(mixed.words()).containsExactly(entry(0, Kind.FUZZY), entry(2, Kind.EXACT));
        assertThat(mixed.firstMatchedWord()).isZero();
    }

    @Test
    void phraseNeedsConsecutiveExactKeys() {
        assertThat(match("вчера Алексей Навальный сказал", "\"Alexei Navalny\"").words())
                .containsExactly(entry(1, Kind.EXACT), entry(2, Kind.EXACT));
        assertThat(match("Navalny said Alexei", "\"Alexei Navalny\"").matches()).isFalse();
        assertThat(match("Alexei Navlany", "\"Alexei Navalny\"").matches()).isFalse(); // no fuzzy in phrases
    }

    @Test
    void aPhraseAlsoMatchesItsWordsInflected() {
        SegmentMatch m = match("о санкциях против центрального банка", "\"центральный банк\"");
        assertThat(m.words()).containsExactly(entry(3, Kind.STEM), entry(4, Kind.STEM));
        assertThat(m.kind()).isEqualTo(Kind.STEM);
        assertThat(m.heardAs()).containsExactly("центрального банка");
        assertThat(match("банк центрального", "\"центральный банк\"").matches()).isFalse();
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
    void quotedSingleWordIsExactOrStemOnly() {
        assertThat(match("Navlany", "\"navalny\"").matches()).isFalse();
        assertThat(match("Navalny", "\"navalny\"").exact()).isTrue();
        assertThat(match("Навального", "\"Навальный\"").kind()).isEqualTo(Kind.STEM);
    }

    @Test
    void exclusions() {
        assertThat(match("Putin and Navalny", "putin -navalny").matches()).isFalse();
        assertThat(match("Putin and Shoigu", "putin -navalny").matches()).isTrue();
        assertThat(match("Putin and Navlany", "putin -navalny").matches()).isTrue(); // exclusions are exact
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
        assertThat(WordMatcher.matchKey("navalny", "navalny", term)).isEqualTo(Kind.EXACT);
        assertThat(WordMatcher.matchKey("Навального", "navalnogo", term)).isEqualTo(Kind.STEM);
        assertThat(WordMatcher.matchKey("navalni", "navalni", term)).isEqualTo(Kind.SOUND);
        assertThat(WordMatcher.matchKey("anvalny", "anvalny", term)).isEqualTo(Kind.FUZZY);
        assertThat(WordMatcher.matchKey("putin", "putin", term)).isNull();
        assertThat(WordMatcher.matchKey(MatchKey.PLACEHOLDER, MatchKey.PLACEHOLDER, term)).isNull();
        assertThat(WordMatcher.matchKey("", "", term)).isNull();
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
