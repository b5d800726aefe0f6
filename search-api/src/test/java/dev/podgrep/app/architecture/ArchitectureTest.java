package dev.podgrep.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.podgrep.app.ingestion.IngestionService;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The README's architecture table as rules over the compiled main code of all three modules: data flows one way
 * (search-api → ingest, search-api → transcribe), the two libraries know nothing of each other, of Elasticsearch or
 * of Spring, and inside the application each feature package knows only what it needs. A change that breaks the
 * table fails here, naming the offending class and dependency.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        // the other modules' main code is on the class path as target/classes (mvn test) or as their jars (mvn
        // verify, after packaging): import both, but never test code (test-classes, the transcribe test-jar)
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.podgrep");
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    @Test
    void theImportFoundAllThreeModules() {
        // guards the rules below against passing on an empty import
        for (String pkg : new String[]{"dev.podgrep.ingest.feed", "dev.podgrep.transcribe.vosk",
                "dev.podgrep.app.ingestion"}) {
            if (main.stream().noneMatch(c -> c.getPackageName().equals(pkg))) {
                throw new AssertionError("no main classes of " + pkg + " were imported");
            }
        }
    }

    @Test
    void ingestKnowsNothingOfVoskElasticsearchSpringOrTheOtherModules() {
        check(noClasses().that().resideInAPackage("dev.podgrep.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.vosk..", "co.elastic..",
                        "org.elasticsearch..", "org.springframework..", "dev.podgrep.transcribe..", "dev.podgrep.app..")
                .because("ingest is a plain library of feeds, episodes and HTTP fetching (README, Architecture)"));
    }

    @Test
    void transcribeKnowsNothingOfFeedsElasticsearchSpringOrTheApp() {
        check(noClasses().that().resideInAPackage("dev.podgrep.transcribe..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.podgrep.ingest..", "co.elastic..",
                        "org.elasticsearch..", "org.springframework..", "dev.podgrep.app..")
                .because("transcribe is a plain library of audio, recognition and transcripts (README, Architecture)"));
    }

    @Test
    void theApplicationsPackagesDependOnEachOtherWithoutCycles() {
        check(slices().matching("dev.podgrep.app.(*)..").should().beFreeOfCycles());
    }

    @Test
    void elasticsearchAndWebAreInfrastructureThatKnowsNoFeature() {
        check(noClasses().that().resideInAnyPackage("dev.podgrep.app.elasticsearch..", "dev.podgrep.app.web..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "search", "segments", "quotes", "trends", "export", "admin", "pages"))
                .because("features build on the infrastructure, not the other way round"));
    }

    @Test
    void episodesAndFeedsKeepStateOnlyAndKnowNothingOfTheWorkDoneOnIt() {
        check(noClasses().that().resideInAnyPackage("dev.podgrep.app.episodes..", "dev.podgrep.app.feeds..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("ingestion", "recognition", "search",
                        "segments", "quotes", "trends", "export")));
    }

    @Test
    void recognitionKnowsNothingOfEpisodesFeedsOrTheIndex() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.recognition..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "search", "segments", "quotes", "trends", "export")));
    }

    @Test
    void theSegmentsIndexKnowsNothingOfWhoFillsOrQueriesIt() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.segments..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "search", "quotes", "trends", "export")));
    }

    @Test
    void namesAreAnalysisThatKnowsNothingElse() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.names..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "search", "segments", "quotes", "trends", "export", "elasticsearch", "web", "admin"))
                .because("match keys are computed the same way at index and at query time, by plain functions"));
    }

    @Test
    void searchReadsTheIndexAndKnowsNothingOfEpisodeStateOrIngestion() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.search..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "quotes")));
    }

    @Test
    void quotesReadTheIndexAndAnEpisodesProvenanceButKnowNothingOfIngestion() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.quotes..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("feeds", "ingestion", "recognition")));
    }

    @Test
    void trendsCountWhatSearchFindsAndKnowNothingOfIngestionOrState() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.trends..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "quotes", "admin"))
                .because("trends count the segments index with search's query language, nothing else"));
        check(noClasses().that().resideInAnyPackage("dev.podgrep.app.search..", "dev.podgrep.app.quotes..")
                .should().dependOnClassesThat().resideInAPackage("dev.podgrep.app.trends.."));
    }

    @Test
    void theExportListsWhatSearchFindsAndKnowsNothingOfIngestionOrState() {
        check(noClasses().that().resideInAPackage("dev.podgrep.app.export..")
                .should().dependOnClassesThat().resideInAnyPackage(feature("episodes", "feeds", "ingestion",
                        "recognition", "quotes", "trends", "admin"))
                .because("the export reads the segments index with search's query language and matcher, nothing else"));
        check(noClasses().that().resideInAnyPackage("dev.podgrep.app.search..", "dev.podgrep.app.quotes..",
                        "dev.podgrep.app.trends..")
                .should().dependOnClassesThat().resideInAPackage("dev.podgrep.app.export.."));
    }

    @Test
    void onlyTheIngestionDrivesTheRun() {
        check(noClasses().that().resideOutsideOfPackages("dev.podgrep.app.ingestion..", "dev.podgrep.app.pages..")
                .should().dependOnClassesThat().resideInAPackage("dev.podgrep.app.ingestion.."));
        // the operators' page shows the run's status and never starts or stops one
        check(noClasses().that().resideInAPackage("dev.podgrep.app.pages..")
                .should().callMethod(IngestionService.class, "startInBackground", String.class)
                .orShould().callMethod(IngestionService.class, "runNow", String.class)
                .orShould().callMethod(IngestionService.class, "stop")
                .because("the pages are read-only: runs are started through the admin API"));
    }

    @Test
    void thePagesAreTheOutermostLayerAndAskTheFeatureServices() {
        check(noClasses().that().resideOutsideOfPackage("dev.podgrep.app.pages..")
                .should().dependOnClassesThat().resideInAPackage("dev.podgrep.app.pages..")
                .because("nothing builds on the pages"));
        check(noClasses().that().resideInAPackage("dev.podgrep.app.pages..")
                .should().dependOnClassesThat().resideInAnyPackage("co.elastic..", "org.elasticsearch..",
                        "dev.podgrep.app.elasticsearch..")
                .because("the pages show what the feature services answer (the same as the JSON API); they never"
                        + " query the index themselves"));
    }

    private static String[] feature(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = "dev.podgrep.app." + names[i] + "..";
        }
        return packages;
    }
}
