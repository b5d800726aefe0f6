package dev.podgrep.app.elasticsearch;

import java.util.List;

/**
 * podgrep's index names. Every index is versioned ({@code <prefix>-segments-v2}) and read and written through
 * an alias ({@code <prefix>-segments}), so a mapping change is rolled out by creating {@code -v3}, re-indexing
 * and moving the alias.
 */
public record IndexNames(String prefix) {

    /** Timed transcript segments: one document per segment, the unit a search hit is. */
    public String segments() {
        return prefix + "-segments";
    }

    /** Episodes with their ingestion state. */
    public String episodes() {
        return prefix + "-episodes";
    }

    /** Per-feed fetch state (conditional GET validators, last error). */
    public String feeds() {
        return prefix + "-feeds";
    }

    /**
     * Every index podgrep keeps, at the mapping version its owner ensures ({@code EpisodeStore},
     * {@code FeedRegistry}, {@code SegmentsIndex} each call {@link IndexMigration#ensure} for theirs). The
     * application creates the missing ones together right after the node answers ({@link IndexBootstrap#ensureAll},
     * from the early start), so that the owners find them; an older version already there is left to the owner's
     * migration. Keep the versions here in step with the owners' ({@code IndexCatalogTest} fails otherwise).
     */
    public List<IndexBootstrap.IndexSpec> all() {
        return List.of(
                new IndexBootstrap.IndexSpec(episodes(), 2, "/elasticsearch/episodes-v2.json"),
                new IndexBootstrap.IndexSpec(feeds(), 2, "/elasticsearch/feeds-v2.json"),
                new IndexBootstrap.IndexSpec(segments(), 2, "/elasticsearch/segments-v2.json"));
    }
}
