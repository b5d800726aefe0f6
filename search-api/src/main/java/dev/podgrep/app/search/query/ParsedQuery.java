package dev.podgrep.app.search.query;

import java.util.List;

/**
 * A user query after {@link QueryParser}: what must occur in a segment and what must not.
 *
 * <p>A segment matches when every {@link #required()} term occurs in it and no {@link #excluded()} term
 * does. Required words may match fuzzily; phrases and every exclusion match exact keys only (see
 * {@link QueryTerm}). Terms are distinct (duplicates are dropped) and in the order typed.
 *
 * @param text     the query as the user typed it
 * @param required at least one term, all of which must match
 * @param excluded terms none of which may match ({@code -word}, {@code -"a phrase"})
 */
public record ParsedQuery(String text, List<QueryTerm> required, List<QueryTerm> excluded) {

    public ParsedQuery {
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
    }

    /** The required plain words. */
    public List<QueryTerm.Word> requiredWords() {
        return words(required);
    }

    /** The required phrases (including quoted single words). */
    public List<QueryTerm.Phrase> requiredPhrases() {
        return phrases(required);
    }

    /** The excluded plain words. */
    public List<QueryTerm.Word> excludedWords() {
        return words(excluded);
    }

    /** The excluded phrases. */
    public List<QueryTerm.Phrase> excludedPhrases() {
        return phrases(excluded);
    }

    private static List<QueryTerm.Word> words(List<QueryTerm> terms) {
        return terms.stream().filter(QueryTerm.Word.class::isInstance).map(QueryTerm.Word.class::cast).toList();
    }

    private static List<QueryTerm.Phrase> phrases(List<QueryTerm> terms) {
        return terms.stream().filter(QueryTerm.Phrase.class::isInstance).map(QueryTerm.Phrase.class::cast).toList();
    }
}
