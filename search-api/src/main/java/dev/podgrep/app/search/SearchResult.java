package dev.podgrep.app.search;

import java.util.List;

/**
 * The answer of {@code GET /api/search}.
 *
 * @param total exact number of matching segments (with {@code collapse=episode}: of matching episodes)
 */
public record SearchResult(String query, long total, int page, int size, List<SearchHit> hits) {
}
