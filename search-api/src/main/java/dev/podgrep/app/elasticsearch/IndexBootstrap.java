package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Creates a versioned index with its explicit mapping and the alias podgrep reads and writes through, when the
 * alias does not exist yet. Safe when two instances start at once (the loser sees the index exists).
 */
public final class IndexBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);

    private IndexBootstrap() {
    }

    /**
     * Ensures {@code alias} exists, pointing at {@code alias-v<version>} created from the mapping resource.
     *
     * @param mappingResource classpath resource holding {@code {"settings":…,"mappings":…}}
     * @return the concrete index name behind the alias
     */
    public static String ensure(ElasticsearchClient client, String alias, int version, String mappingResource) {
        String index = alias + "-v" + version;
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                return index;
            }
            if (!client.indices().exists(e -> e.index(index)).value()) {
                try (InputStream mapping = IndexBootstrap.class.getResourceAsStream(mappingResource)) {
                    if (mapping == null) {
                        throw new IllegalStateException("mapping resource " + mappingResource + " is missing");
                    }
                    client.indices().create(c -> c.index(index).withJson(mapping).aliases(alias, a -> a));
                    log.info("Created index {} behind alias {}", index, alias);
                    return index;
                } catch (ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(index).alias(alias))));
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Elasticsearch index " + index + ": " + e.getMessage(), e);
        }
    }
}
