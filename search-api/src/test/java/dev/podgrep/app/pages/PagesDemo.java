package dev.podgrep.app.pages;

/**
 * The pages' test corpus as a running application, for looking at the pages by hand (not a test):
 * starts {@link PagesCorpus} (the real app on the local node, episodes ingested) and prints its address; stops on
 * Ctrl-C. Run from search-api/ with the test class path, e.g. {@code -Dexec.mainClass=dev.podgrep.app.pages.PagesDemo}.
 */
public final class PagesDemo {

    private PagesDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("podgrep.test.elasticsearch-home") == null) {
            System.setProperty("podgrep.test.elasticsearch-home",
                    java.nio.file.Path.of("target", "elasticsearch-home").toAbsolutePath().toString());
        }
        PagesCorpus corpus = PagesCorpus.get();
        System.out.println("podgrep pages demo: " + corpus.base() + "/  (episodes " + PagesCorpus.TONES + ", "
                + PagesCorpus.NAVALNY_EN + ", " + PagesCorpus.NAVALNY_RU + ")");
        Thread.currentThread().join();
    }
}
