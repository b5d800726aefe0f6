package dev.podgrep.app.search.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParserTest {

    private static List<String> keys(List<? extends QueryTerm> terms) {
        return terms.stream().map(t -> String.join(" ", t.keys())).toList();
    }

    @Test
    void plainWordsAreRequiredWithTheirKeys() {
        ParsedQuery q = QueryParser.parse("Navalny  Шойгу");
        assertThat(q.text()).isEqualTo("Navalny  Шойгу");
        assertThat(q.required()).containsExactly(new QueryTerm.Word("Navalny", "navalny"),
                new QueryTerm.Word("Шойгу", "shoygu"));
        assertThat(q.excluded()).isEmpty();
        assertThat(q.requiredWords()).hasSize(2);
        assertThat(q.requiredPhrases()).isEmpty();
    }

    @Test
    void quotedPhrase() {
        ParsedQuery q = QueryParser.parse("\"Alexei Navalny\" prison");
        assertThat(q.requiredPhrases()).containsExactly(
                new QueryTerm.Phrase(List.of("Alexei", "Navalny"), List.of("aleksey", "navalny")));
        assertThat(q.requiredPhrases().getFirst().keysText()).isEqualTo("aleksey navalny");
        assertThat(q.requiredPhrases().getFirst().text()).isEqualTo("Alexei Navalny");
        assertThat(keys(q.requiredWords())).containsExactly("prison");
    }

    @Test
    void typographicQuotes() {
        assertThat(keys(QueryParser.parse("«Алексей Навальный»").requiredPhrases())).containsExactly("aleksey navalny");
        assertThat(keys(QueryParser.parse("“Alexei Navalny”").requiredPhrases())).containsExactly("aleksey navalny");
        assertThat(keys(QueryParser.parse("„Yulia Navalnaya“").requiredPhrases())).containsExactly("yulia navalnaya");
    }

    @Test
    void punctuationInsidePhrasesIsIgnored() {
        assertThat(keys(QueryParser.parse("\"Navalny, Putin!\"").requiredPhrases())).containsExactly("navalny putin");
    }

    @Test
    void quotedSingleWordIsAOneWordPhrase() {
        ParsedQuery q = QueryParser.parse("\"navalny\"");
        assertThat(q.requiredPhrases()).containsExactly(new QueryTerm.Phrase(List.of("navalny"), List.of("navalny")));
        assertThat(q.requiredWords()).isEmpty();
    }

    @Test
    void exclusions() {
        ParsedQuery q = QueryParser.parse("putin -navalny -\"Yulia Navalnaya\" --shoigu −gerasimov");
        assertThat(keys(q.required())).containsExactly("putin");
        assertThat(keys(q.excludedWords())).containsExactly("navalny", "shoygu", "gerasimov");
        assertThat(keys(q.excludedPhrases())).containsExactly("yulia navalnaya");
    }

    @Test
    void innerHyphenIsNotAnExclusion() {
        ParsedQuery q = QueryParser.parse("well-known кто-то");
        assertThat(keys(q.required())).containsExactly("wellknown", "ktoto");
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void loneMinusIsIgnored() {
        ParsedQuery q = QueryParser.parse("putin - navalny");
        assertThat(keys(q.required())).containsExactly("putin", "navalny");
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void unbalancedQuoteMakesAPhraseToTheEnd() {
        ParsedQuery q = QueryParser.parse("Alexei \"navalny spoke");
        assertThat(keys(q.requiredWords())).containsExactly("aleksey");
        assertThat(keys(q.requiredPhrases())).containsExactly("navalny spoke");
    }

    @Test
    void unbalancedExcludedPhrase() {
        ParsedQuery q = QueryParser.parse("putin -\"navalny spoke");
        assertThat(keys(q.excludedPhrases())).containsExactly("navalny spoke");
    }

    @Test
    void strayQuotesAreHarmless() {
        assertThat(keys(QueryParser.parse("putin \"\"").required())).containsExactly("putin");
        assertThat(keys(QueryParser.parse("putin \"").required())).containsExactly("putin");
        assertThat(keys(QueryParser.parse("putin\"navalny\"").required())).containsExactly("putin", "navalny");
    }

    @Test
    void elasticsearchSyntaxIsPlainText() {
        ParsedQuery q = QueryParser.parse("title:putin* AND (navalny OR shoigu~2) ^3 [a TO b] {c} !d ?e && f || g"
                + " <h> =i \\j /k");
        assertThat(keys(q.requiredWords())).containsExactly("title", "putin", "and", "navalny", "or", "shoygu",
                "2", "3", "a", "to", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void markupIsJustText() {
        assertThat(keys(QueryParser.parse("<script>alert('hi')</script>").required()))
                .containsExactly("script", "alert", "hi");
    }

    @Test
    void aChunkOfSeveralTokensGivesSeveralWords() {
        assertThat(keys(QueryParser.parse("Navalny/Putin").required())).containsExactly("navalny", "putin");
        assertThat(keys(QueryParser.parse("shoigu -Navalny/Putin").excluded())).containsExactly("navalny", "putin");
    }

    @Test
    void duplicatesAreDropped() {
        ParsedQuery q = QueryParser.parse("Navalny navalny НАВАЛЬНЫЙ \"a b\" \"A, B\"");
        assertThat(keys(q.required())).containsExactly("navalny", "a b");
    }

    @Test
    void apostrophesInQueries() {
        assertThat(keys(QueryParser.parse("don't Navalny’s 'quoted'").required()))
                .containsExactly("dont", "navalnys", "quoted");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void blankIsRefused(String q) {
        assertThatThrownBy(() -> QueryParser.parse(q)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("search for");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "*:*", "\"\"", "— … ?", "- -", "()"})
    void nothingSearchableIsRefused(String q) {
        assertThatThrownBy(() -> QueryParser.parse(q)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("no words to search for");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-putin", "-putin -\"alexei navalny\"", "-\"navalny\""})
    void onlyExclusionsAreRefused(String q) {
        assertThatThrownBy(() -> QueryParser.parse(q)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("only excludes");
    }

    @Test
    void fiveHundredCharactersAreAllowed() {
        String q = "a".repeat(500);
        assertThat(QueryParser.parse(q).required()).hasSize(1);
    }

    @Test
    void moreThanFiveHundredCharactersAreRefused() {
        assertThatThrownBy(() -> QueryParser.parse("a".repeat(501))).isInstanceOf(InvalidQueryException.class)
                .hasMessage("The query is too long: 501 characters, at most 500 are allowed.");
    }

    @Test
    void lengthCountsCodePoints() {
        assertThat(QueryParser.parse("a" + "😀".repeat(499)).required()).hasSize(1);
    }

    @Test
    void thirtyTwoTermsAreAllowed() {
        String q = IntStream.range(0, 31).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + " -x";
        assertThat(QueryParser.parse(q).required()).hasSize(31);
    }

    @Test
    void moreThanThirtyTwoTermsAreRefused() {
        String q = IntStream.range(0, 33).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        assertThatThrownBy(() -> QueryParser.parse(q)).isInstanceOf(InvalidQueryException.class)
                .hasMessage("The query has 33 words and phrases, at most 32 are allowed.");
    }

    @Test
    void aLongPhraseIsOneTerm() {
        String phrase = IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        ParsedQuery q = QueryParser.parse("\"" + phrase + "\"");
        assertThat(q.requiredPhrases()).singleElement().satisfies(p -> assertThat(p.keys()).hasSize(40));
    }

    @Test
    void maxEditsOfWords() {
        assertThat(QueryParser.parse("putn").requiredWords().getFirst().maxEdits()).isZero();
        assertThat(QueryParser.parse("putin").requiredWords().getFirst().maxEdits()).isEqualTo(1);
        assertThat(QueryParser.parse("Шойгу").requiredWords().getFirst().maxEdits()).isEqualTo(1);
        assertThat(QueryParser.parse("putinsev").requiredWords().getFirst().maxEdits()).isEqualTo(1);
        assertThat(QueryParser.parse("putintsev").requiredWords().getFirst().maxEdits()).isEqualTo(2);
    }
}
