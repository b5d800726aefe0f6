package dev.podgrep.app.web;

import dev.podgrep.app.segments.TranscriptIndexer;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.transcribe.transcript.TimedTranscript;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.podgrep.app.search.TranscriptFixtures.asr;
import static dev.podgrep.app.search.TranscriptFixtures.episode;
import static dev.podgrep.app.search.TranscriptFixtures.segment;

/**
 * The transcripts every API test searches, in English and Russian, with known word timings: word {@code i} of a
 * segment starting at {@code s} runs from {@code s + 0.5 i} to {@code s + 0.5 i + 0.4} (see
 * {@link dev.podgrep.app.search.TranscriptFixtures#segment}).
 *
 * <p>Who says what (the tests rely on these counts):
 * <ul>
 *   <li>Navalny/Навальный: tnp-navalny segments 1 and 5, tnp-football 0, mvk-navalny 0, chs-old 0 (5 segments,
 *       4 episodes).</li>
 *   <li>Putintsev/Путинцев exactly: tnp-navalny 3, mvk-navalny 1, chs-old 0; the near miss "Putintsov":
 *       tnp-football 2.</li>
 *   <li>"central bank": tnp-navalny 2 only; "central" also tnp-football 1.</li>
 * </ul>
 */
public final class ApiCorpus {

    public static final Episode TNP_NAVALNY = episode("tnp-navalny", "the-naked-pravda", "en",
            "The return of Alexei Navalny", "2026-01-15T06:00:00Z");
    public static final Episode TNP_FOOTBALL = episode("tnp-football", "the-naked-pravda", "en",
            "Football and politics", "2026-03-10T06:00:00Z");
    public static final Episode MVK_NAVALNY = episode("mvk-navalny", "meduza-v-kurse", "ru",
            "Навальный вернулся", "2026-02-20T06:00:00Z");
    public static final Episode CHS_OLD = episode("chs-old", "chto-sluchilos", "ru",
            "Старый выпуск", "2025-06-01T06:00:00Z");

    /** The transcripts, by episode id. */
    public static final Map<String, TimedTranscript> TRANSCRIPTS = new LinkedHashMap<>();
    public static final Map<String, Episode> EPISODES = new LinkedHashMap<>();

    static {
        add(TNP_NAVALNY, asr("en",
                segment(0.0, "welcome to the naked pravda"),
                segment(10.0, "today Alexei Navalny came back to Moscow"),
                segment(20.0, "the central bank raised the key rate again"),
                segment(30.0, "Putintsev said the sanctions hurt"),
                segment(40.0, "the word <script>alert(1)</script> & friends are quizzical"),
                segment(50.0, "Navalny spoke again later")));
        add(TNP_FOOTBALL, asr("en",
                segment(5.0, "Navalny supporters watched football"),
                segment(15.0, "the central square was full"),
                segment(25.0, "Putintsov was mentioned here")));
        add(MVK_NAVALNY, asr("ru",
                segment(0.0, "сегодня Навальный вернулся в Москву"),
                segment(8.0, "Путинцев заявил о санкциях"),
                segment(16.0, "центральный банк повысил ставку")));
        add(CHS_OLD, asr("ru",
                segment(3.0, "Навальный и Путинцев"),
                segment(3725.0, "в конце часа")));
    }

    private static Object indexedBy;

    private ApiCorpus() {
    }

    private static void add(Episode episode, TimedTranscript transcript) {
        EPISODES.put(episode.id(), episode);
        TRANSCRIPTS.put(episode.id(), transcript);
    }

    /** Indexes the corpus through the application's indexer, once per application context. */
    public static synchronized void indexOnce(TranscriptIndexer indexer) {
        if (indexedBy == indexer) {
            return;
        }
        EPISODES.forEach((id, episode) -> indexer.index(episode, TRANSCRIPTS.get(id)));
        indexedBy = indexer;
    }
}
