package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rolls an alias forward to the current version of its index. podgrep reads and writes every index through an alias
 * ({@code <prefix>-episodes}) on a versioned index ({@code <prefix>-episodes-v2}); a mapping change is a new version.
 * At start, {@link #ensure} finds which version the alias points at:
 * <ul>
 *   <li>none (a new store): the current version is created with its mapping, behind the alias;</li>
 *   <li>the current version: nothing to do (one request);</li>
 *   <li>an older version with a known {@link Upgrade}: the current version is created, every document of the old
 *       index is read (one point in time, in pages), converted in the application and written under the same id,
 *       the counts are compared, then the alias moves in one atomic alias action and the old index is deleted.
 *       Searches see the old index until the alias moves and the new one after: never none, never both. A start
 *       that stops midway leaves the alias on the old index; the next start copies again (same ids: idempotent);</li>
 *   <li>a newer version (written by a newer podgrep) or an older one without an upgrade: a clear error.</li>
 * </ul>
 * Stop every podgrep instance on the cluster before starting a version that upgrades an index: writes to the old
 * index during the copy would not be carried over.
 */
public final class IndexMigration {

    private static final Logger log = LoggerFactory.getLogger(IndexMigration.class);
    private static final int PAGE = 1_000;

    private IndexMigration() {
    }

    /**
     * How documents of an older index version become documents of the current one.
     *
     * @param fromVersion  the version this upgrade reads
     * @param documentType the old document's class (read with the client's JSON mapper)
     * @param convert      old document → new document (same id)
     */
    public record Upgrade<T>(int fromVersion, Class<T> documentType, Function<T, ?> convert) {
    }

    /**
     * Makes {@code alias} point at {@code alias-v<version>} (see the class comment).
     *
     * @return the concrete index behind the alias
     */
    public static String ensure(ElasticsearchClient client, String alias, int version, String mappingResource,
                                Upgrade<?>... upgrades) {
        String target = alias + "-v" + version;
        Optional<String> current = indexBehind(client, alias);
        if (current.isEmpty()) {
            return IndexBootstrap.ensure(client, alias, version, mappingResource);
        }
        String index = current.get();
        if (index.equals(target)) {
            return target;
        }
        int from = versionOf(alias, index);
        if (from > version) {
            throw new IllegalStateException("the index " + index + " behind " + alias + " was written by a newer "
                    + "podgrep (this one knows version " + version + "); start that version, or point "
                    + "podgrep.elasticsearch.index-prefix elsewhere");
        }
        for (Upgrade<?> upgrade : upgrades) {
            if (upgrade.fromVersion() == from) {
                migrate(client, alias, index, target, mappingResource, upgrade);
                return target;
            }
        }
        throw new IllegalStateException("the index " + index + " behind " + alias + " has version " + from
                + ", which this podgrep cannot upgrade to version " + version);
    }

    private static <T> void migrate(ElasticsearchClient client, String alias, String from, String to,
                                    String mappingResource, Upgrade<T> upgrade) {
        long started = System.nanoTime();
        log.info("Upgrading {}: copying {} into {} (new layout)", alias, from, to);
        try {
            if (!client.indices().exists(e -> e.index(to)).value()) {
                try (InputStream mapping = IndexMigration.class.getResourceAsStream(mappingResource)) {
                    if (mapping == null) {
                        throw new IllegalStateException("mapping resource " + mappingResource + " is missing");
                    }
                    client.indices().create(c -> c.index(to).withJson(mapping));
                }
            }
            long copied = copy(client, from, to, upgrade);
            client.indices().refresh(r -> r.index(to));
            long source = client.count(c -> c.index(from)).count();
            long target = client.count(c -> c.index(to)).count();
            if (target < source) {
                throw new IllegalStateException("upgrading " + alias + ": " + to + " holds " + target
                        + " documents after the copy, " + from + " " + source + "; the alias stays on " + from);
            }
            client.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(from).alias(alias)))
                    .actions(a -> a.add(add -> add.index(to).alias(alias))));
            client.indices().delete(d -> d.index(from));
            log.info("Upgraded {}: {} documents moved from {} to {} in {} ms; {} deleted", alias, copied, from, to,
                    (System.nanoTime() - started) / 1_000_000, from);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upgrade the Elasticsearch index " + from + " to " + to + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> long copy(ElasticsearchClient client, String from, String to, Upgrade<T> upgrade)
            throws IOException {
        String pit = client.openPointInTime(p -> p.index(from).keepAlive(k -> k.time("5m"))).id();
        long copied = 0;
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<T> page = client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(k -> k.time("5m"))).size(PAGE)
                            .sort(o -> o.field(f -> f.field("_shard_doc"))).trackTotalHits(t -> t.enabled(false));
                    return searchAfter == null ? s : s.searchAfter(searchAfter);
                }, upgrade.documentType());
                List<Hit<T>> hits = page.hits().hits();
                if (!hits.isEmpty()) {
                    List<BulkOperation> writes = new ArrayList<>(hits.size());
                    for (Hit<T> hit : hits) {
                        Object converted = upgrade.convert().apply(hit.source());
                        writes.add(BulkOperation.of(b -> b.index(i -> i.index(to).id(hit.id()).document(converted))));
                    }
                    BulkResponse response = client.bulk(b -> b.operations(writes));
                    if (response.errors()) {
                        var failed = response.items().stream().filter(i -> i.error() != null).findFirst().orElseThrow();
                        throw new IllegalStateException("upgrading " + from + ": Elasticsearch refused document "
                                + failed.id() + ": " + failed.error().reason());
                    }
                    copied += hits.size();
                }
                if (hits.size() < PAGE) {
                    return copied;
                }
                after = hits.getLast().sort();
            }
        } finally {
            try {
                client.closePointInTime(c -> c.id(pit));
            } catch (IOException | RuntimeException e) {
                log.debug("closing a point in time failed (it lapses by itself): {}", e.toString());
            }
        }
    }

    /** The index the alias points at, if the alias exists. */
    static Optional<String> indexBehind(ElasticsearchClient client, String alias) {
        try {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return Optional.empty();
            }
            GetAliasResponse response = client.indices().getAlias(g -> g.name(alias));
            return response.aliases().keySet().stream().sorted().reduce((a, b) -> b);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Elasticsearch alias " + alias + ": " + e.getMessage(), e);
        }
    }

    private static int versionOf(String alias, String index) {
        String prefix = alias + "-v";
        if (!index.startsWith(prefix)) {
            throw new IllegalStateException("the alias " + alias + " points at " + index + ", which is not one of "
                    + "podgrep's versioned indices (" + prefix + "<n>)");
        }
        try {
            return Integer.parseInt(index.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the alias " + alias + " points at " + index + ", which is not one of "
                    + "podgrep's versioned indices (" + prefix + "<n>)");
        }
    }
}
