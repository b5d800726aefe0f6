package dev.podgrep.app.elasticsearch;

/**
 * podgrep's index names. Every index is versioned ({@code <prefix>-segments-v1}) and read and written through
 * an alias ({@code <prefix>-segments}), so a mapping change is rolled out by creating {@code -v2}, re-indexing
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
}
