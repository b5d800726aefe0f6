package dev.podgrep.app.names;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeyTest {

    @ParameterizedTest(name = "{0} meets {1}")
    @CsvSource({
            "Navalny, Навальный",
            "Navalnyy, Навальный",
            "Navalniy, Навальный",
            "Putintsev, Путинцев",
            "Zelensky, Зеленский",
            "Zelenskyy, Зеленский",
            "Zelenskiy, Зеленский",
            "Zelenskij, Зеленский",
            "Zelenskyi, Зеленський",
            "Shoigu, Шойгу",
            "Shoygu, Шойгу",
            "Khodorkovsky, Ходорковский",
            "Yulia, Юлия",
            "Meduza, Медуза",
            "Nemtsov, Немцов",
            "Prigozhin, Пригожин",
            "Alexei, Алексей",
            "Alexey, Алексей",
            "Aleksei, Алексей",
            "Sergei, Сергей",
            "Sergey, Сергей",
            "Dmitry, Дмитрий",
            "Dmitriyev, Дмитриев",
            "Bolshoi, Большой",
            "Tolstoy, Толстой",
            "Maria, Мария",
            "Rossiya, Россия",
            "Izmailov, Измайлов",
            "Grigoryev, Григорьев",
            "Solovyov, Соловьёв",
            "Solovyev, Соловьёв",
            "Fyodor, Фёдор",
            "Navalnyi, Навальный",
    })
    void latinAndCyrillicSpellingsMeet(String latin, String cyrillic) {
        assertThat(MatchKey.of(latin)).isNotEmpty().isEqualTo(MatchKey.of(cyrillic));
    }

    @Test
    void keysOfTheNames() {
        assertThat(MatchKey.of("Навальный")).isEqualTo("navalny");
        assertThat(MatchKey.of("Путинцев")).isEqualTo("putintsev");
        assertThat(MatchKey.of("Зеленский")).isEqualTo("zelensky");
        assertThat(MatchKey.of("Шойгу")).isEqualTo("shoygu");
        assertThat(MatchKey.of("Ходорковский")).isEqualTo("khodorkovsky");
        assertThat(MatchKey.of("Юлия")).isEqualTo("yulia");
        assertThat(MatchKey.of("Пригожин")).isEqualTo("prigozhin");
        assertThat(MatchKey.of("щука")).isEqualTo("shchuka");
        assertThat(MatchKey.of("объявление")).isEqualTo("obyavlenie");
        assertThat(MatchKey.of("Измайлов")).isEqualTo("izmaylov");
        assertThat(MatchKey.of("Izmailov")).as("a part starting with i still gets the diphthong rule")
                .isEqualTo("izmaylov");
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(MatchKey.of("NAVALNY")).isEqualTo("navalny");
        assertThat(MatchKey.of("НАВАЛЬНЫЙ")).isEqualTo("navalny");
        assertThat(MatchKey.of("MeDuZa")).isEqualTo("meduza");
    }

    @Test
    void accentsAreRemoved() {
        assertThat(MatchKey.of("Café")).isEqualTo("cafe");
        assertThat(MatchKey.of("CAFÉ")).isEqualTo("cafe");
        assertThat(MatchKey.of("cafe\u0301")).isEqualTo("cafe"); // decomposed accent
        assertThat(MatchKey.of("naïve")).isEqualTo(MatchKey.of("naive"));
        assertThat(MatchKey.of("Łódź")).isEqualTo("lodz");
        assertThat(MatchKey.of("Straße")).isEqualTo("strasse");
        assertThat(MatchKey.of("Søren")).isEqualTo("soren");
    }

    @Test
    void yoIsYe() {
        assertThat(MatchKey.of("Ёлка")).isEqualTo("elka").isEqualTo(MatchKey.of("елка"));
        assertThat(MatchKey.of("ещё")).isEqualTo(MatchKey.of("еще"));
        assertThat(MatchKey.of("е\u0308лка")).isEqualTo("elka"); // decomposed ё
    }

    @Test
    void shortIIsNotDecayedIntoI() {
        assertThat(MatchKey.of("и\u0306од")).isEqualTo(MatchKey.of("йод")).isEqualTo("yod");
    }

    @Test
    void russianStressMarksAreIgnored() {
        assertThat(MatchKey.of("приве\u0301т")).isEqualTo(MatchKey.of("привет")).isEqualTo("privet");
    }

    @Test
    void apostrophesAreRemoved() {
        assertThat(MatchKey.of("don't")).isEqualTo("dont");
        assertThat(MatchKey.of("don’t")).isEqualTo("dont");
        assertThat(MatchKey.of("O'Brien")).isEqualTo("obrien");
        assertThat(MatchKey.of("Navalny's")).isEqualTo("navalnys");
        assertThat(MatchKey.of("Zelenskyy's")).isEqualTo(MatchKey.of("Zelensky's")).isEqualTo("zelenskys");
        assertThat(MatchKey.of("ʼtwas")).isEqualTo("twas");
    }

    @Test
    void edgePunctuationIsStripped() {
        assertThat(MatchKey.of("Navalny,")).isEqualTo("navalny");
        assertThat(MatchKey.of("«Медуза»")).isEqualTo("meduza");
        assertThat(MatchKey.of("(Putin)")).isEqualTo("putin");
        assertThat(MatchKey.of("\"hello!\"")).isEqualTo("hello");
        assertThat(MatchKey.of("why?")).isEqualTo("why");
    }

    @Test
    void innerHyphensJoinParts() {
        assertThat(MatchKey.of("кто-то")).isEqualTo("ktoto");
        assertThat(MatchKey.of("Римский-Корсаков")).isEqualTo(MatchKey.of("Rimsky-Korsakov"))
                .isEqualTo("rimskykorsakov");
        assertThat(MatchKey.of("COVID-19")).isEqualTo("covid19");
    }

    @Test
    void digitsAreKept() {
        assertThat(MatchKey.of("2024")).isEqualTo("2024");
        assertThat(MatchKey.of("1,000")).isEqualTo("1000");
        assertThat(MatchKey.of("２０２４")).isEqualTo("2024"); // full width
        assertThat(MatchKey.of("٢٠٢٤")).isEqualTo("2024"); // Arabic-Indic digits
    }

    @Test
    void otherScriptsAreRomanised() {
        assertThat(MatchKey.of("Σωκράτης")).isEqualTo("sokrates");
        assertThat(MatchKey.of("Ђоковић")).isEqualTo("dokovic");
    }

    @Test
    void punctuationOnlyHasNoKey() {
        assertThat(MatchKey.of("—")).isEmpty();
        assertThat(MatchKey.of("...")).isEmpty();
        assertThat(MatchKey.of("🎙️")).isEmpty();
        assertThat(MatchKey.of("'")).isEmpty();
        assertThat(MatchKey.of("")).isEmpty();
        assertThat(MatchKey.of(null)).isEmpty();
    }

    @Test
    void keysAreAsciiWithoutSpaces() {
        for (String w : List.of("Навальный", "Café", "don't", "кто-то", "Straße", "Σωκράτης", "中国")) {
            assertThat(MatchKey.of(w)).matches("[a-z0-9]+");
        }
    }

    /** Review against a maintained scheme: ICU's BGN/PCGN romanisation of each name meets its Cyrillic key. */
    @ParameterizedTest(name = "BGN/PCGN of {0}")
    @CsvSource({"Навальный", "Зеленский", "Шойгу", "Путинцев", "Пригожин", "Ходорковский", "Юлия", "Алексей",
            "Сергей", "Щербаков", "Дьяков", "Лавров", "Набиуллина", "Кадыров", "Соловьёв", "Медведев", "Григорьев",
            "Ксения", "Майя", "Объединённый", "Чайковский", "Песков"})
    void theBgnRomanisationMeetsTheCyrillicSpelling(String cyrillic) {
        String bgn = com.ibm.icu.text.Transliterator.getInstance("Russian-Latin/BGN").transliterate(cyrillic);
        assertThat(MatchKey.of(bgn)).as(bgn).isEqualTo(MatchKey.of(cyrillic));
    }

    @Test
    void theVariantsPeopleTypeMeet() {
        for (List<String> variants : List.of(List.of("Navalny", "Navalnyi", "Navalniy", "Navalnyy", "Навальный"),
                List.of("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskij", "Зеленский"),
                List.of("Shoigu", "Shoygu", "Шойгу"))) {
            assertThat(variants.stream().map(MatchKey::of).distinct()).as(variants.toString()).hasSize(1);
        }
    }

    @Test
    void jIsOnlyFoldedAtTheEnd() {
        assertThat(MatchKey.of("jet")).isNotEqualTo(MatchKey.of("yet"));
        assertThat(MatchKey.of("Jurij")).isEqualTo("jury");
    }

    @Test
    void englishWordsStayDistinct() {
        assertThat(MatchKey.of("year")).isNotEqualTo(MatchKey.of("ear"));
        assertThat(MatchKey.of("bye")).isNotEqualTo(MatchKey.of("be")); // ye only folds between consonants
        assertThat(MatchKey.of("coin")).isNotEqualTo(MatchKey.of("con"));
        assertThat(MatchKey.of("said")).isEqualTo(MatchKey.of("SAID"));
    }

    @Test
    void keysOfKeepsPositionsWithPlaceholders() {
        List<String> words = List.of("Alexei", "—", "Навальный,", "...", "spoke");
        assertThat(MatchKey.keysOf(words)).containsExactly("aleksey", "_", "navalny", "_", "spoke");
        assertThat(MatchKey.keysField(words)).isEqualTo("aleksey _ navalny _ spoke");
    }

    @Test
    void aWordOfOneTokenHasTheKeyOfThatToken() {
        for (String w : List.of("«Navalny,»", "(don't)", "кто-то!", "U.S.", "\"1,000\"")) {
            List<String> tokens = Tokens.split(w);
            assertThat(tokens).hasSize(1);
            assertThat(MatchKey.of(tokens.getFirst())).isEqualTo(MatchKey.of(w));
        }
    }
}
