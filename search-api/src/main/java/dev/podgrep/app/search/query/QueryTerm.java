package dev.podgrep.app.search.query;

import dev.podgrep.app.names.Fuzziness;
import dev.podgrep.app.names.SoundKey;
import dev.podgrep.app.names.Stem;

import java.util.List;
import java.util.Objects;

/**
 * One term of a {@link ParsedQuery}: a single word or a quoted phrase, with the match keys
 * ({@link dev.podgrep.app.names.MatchKey}) to look up in the {@code keys} field.
 */
public sealed interface QueryTerm permits QueryTerm.Word, QueryTerm.Phrase {

    /** The tokens as the user typed them. */
    List<String> words();

    /** Their match keys, one per token, never empty strings. */
    List<String> keys();

    /** The tokens joined by spaces, for messages and logs. */
    default String text() {
        return String.join(" ", words());
    }

    /**
     * A plain (unquoted) word. As a required term it matches, in tiers: a transcript word with the same key
     * (exact), with one of its {@link #stems()} (stem), a word or run of up to three words with one of its
     * {@link #sounds()} (sound), a key within {@link #maxEdits()} edits (fuzzy, see {@link Fuzziness}). As an
     * exclusion it matches equal keys only.
     */
    record Word(String word, String key) implements QueryTerm {
        public Word {
            Objects.requireNonNull(word, "word");
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("a query word needs a non-empty key: '" + word + "'");
            }
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public List<String> keys() {
            return List.of(key);
        }

        /** Edits a fuzzy match may be away from {@link #key()}: 0, 1 or 2 by key length. */
        public int maxEdits() {
            return Fuzziness.maxEdits(key);
        }

        /** The stems this word matches ({@link Stem#queryStems(String)}): its own, and a Russian reading of Latin. */
        public List<String> stems() {
            return Stem.queryStems(word);
        }

        /** The sound codes this word matches ({@link SoundKey#queryCodes(String)}); empty for short words. */
        public java.util.Set<String> sounds() {
            return SoundKey.queryCodes(key);
        }
    }

    /**
     * A quoted phrase: its keys must occur in this order at consecutive positions, each exactly, or (a tier
     * below) its stems at consecutive positions; no sound or fuzzy words inside phrases. A quoted single word is
     * a one-word phrase: exact or stem only.
     */
    record Phrase(List<String> words, List<String> keys) implements QueryTerm {
        public Phrase {
            words = List.copyOf(words);
            keys = List.copyOf(keys);
            if (keys.isEmpty() || keys.size() != words.size() || keys.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("a phrase needs one non-empty key per word: " + words + " " + keys);
            }
        }

        /** The keys joined by single spaces: the text of a {@code match_phrase} on the {@code keys} field. */
        public String keysText() {
            return String.join(" ", keys);
        }

        /** The stem of each word ({@link Stem#of(String)}), one per key: a phrase also matches as stems. */
        public List<String> stems() {
            return words.stream().map(Stem::of).toList();
        }

        /** The stems joined by single spaces: the text of a {@code match_phrase} on the {@code stems} field. */
        public String stemsText() {
            return String.join(" ", stems());
        }
    }
}
