package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;

import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Tells an Elasticsearch outage from an Elasticsearch answer: a failure that says "not now" about the cluster, not
 * "no" about the request. Work that hits an outage is retried once Elasticsearch answers again, and is never held
 * against what was being written (an episode's attempts, for instance).
 *
 * <p>An outage is: no answer at all (connection refused or reset, a timeout: the client's {@code IOException},
 * which podgrep's stores and indexer rethrow as {@link UncheckedIOException}); or an answer with a status
 * Elasticsearch uses for a cluster that cannot serve the request now: 503 (a restarted node whose shards are still
 * recovering, a cluster without an elected master, a shard whose copies are all gone), 429 (rejected: its queues
 * are full), 502 and 504 (a proxy in front of it).
 */
public final class ElasticsearchOutage {

    private static final Set<Integer> NOT_NOW = Set.of(429, 502, 503, 504);

    private ElasticsearchOutage() {
    }

    /**
     * Whether {@code failure} is an Elasticsearch outage (see the class comment): an {@link UncheckedIOException}
     * (podgrep's convention for "Elasticsearch did not answer"), or an {@link ElasticsearchException}, itself or as
     * the cause, with a "not now" status.
     */
    public static boolean is(Throwable failure) {
        if (failure instanceof UncheckedIOException) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return NOT_NOW.contains(e.status());
            }
        }
        return false;
    }
}
