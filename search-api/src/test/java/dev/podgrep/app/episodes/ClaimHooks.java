package dev.podgrep.app.episodes;

/**
 * Test access to {@link EpisodeStore}'s claim hook from tests in other packages (the ingestion tests that kill
 * Elasticsearch exactly between a claim's read and its write).
 */
public final class ClaimHooks {

    private ClaimHooks() {
    }

    /** Runs {@code hook} between every claim's read and its conditional write on {@code store}. */
    public static void beforeClaimWrite(EpisodeStore store, Runnable hook) {
        store.beforeClaimWrite(hook);
    }
}
