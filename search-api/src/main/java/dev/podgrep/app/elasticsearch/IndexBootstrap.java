package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a versioned index with its explicit mapping and the alias podgrep reads and writes through, when the
 * alias does not exist yet. Safe when two instances start at once (the loser sees the index exists).
 */
public final class IndexBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);

    private IndexBootstrap() {
    }

    /**
     * One index podgrep keeps: {@code alias} → {@code alias-v<version>}, created from {@code mappingResource}
     * (a classpath resource holding {@code {"settings":…,"mappings":…}}).
     */
    public record IndexSpec(String alias, int version, String mappingResource) {

        /** The concrete index behind the alias. */
        public String index() {
            return alias + "-v" + version;
        }
    }

    /**
     * Ensures {@code alias} exists, pointing at {@code alias-v<version>} created from the mapping resource.
     *
     * @param mappingResource classpath resource holding {@code {"settings":…,"mappings":…}}
     * @return the concrete index name behind the alias
     */
    public static String ensure(ElasticsearchClient client, String alias, int version, String mappingResource) {
        IndexSpec spec = new IndexSpec(alias, version, mappingResource);
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                return spec.index();
            }
            return create(client, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Elasticsearch index " + spec.index() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@link #ensure} for several indices at once: one request finds the aliases that exist (on an existing data
     * dir that is all it costs, instead of one request per index), and the missing ones are created one after the
     * other. (Not concurrently: first uses of the client's model classes from several threads at once can
     * deadlock in their cyclic static initialisers; the early start runs this off the main thread anyway.)
     *
     * @return alias → concrete index name
     */
    public static Map<String, String> ensureAll(ElasticsearchClient client, List<IndexSpec> specs) {
        List<String> aliases = specs.stream().map(IndexSpec::alias).toList();
        List<IndexSpec> missing = new ArrayList<>();
        try {
            GetAliasResponse existing = client.indices().getAlias(g -> g.name(aliases).ignoreUnavailable(true)
                    .allowNoIndices(true));
            for (IndexSpec spec : specs) {
                boolean found = existing.aliases().values().stream()
                        .anyMatch(index -> index.aliases().containsKey(spec.alias()));
                if (!found) {
                    missing.add(spec);
                }
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
            missing.addAll(specs); // 404: none of the aliases exists
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Elasticsearch aliases " + aliases + ": " + e.getMessage(), e);
        }
        for (IndexSpec spec : missing) {
            try {
                create(client, spec);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the Elasticsearch index " + spec.index() + ": "
                        + e.getMessage(), e);
            }
        }
        Map<String, String> indices = new LinkedHashMap<>();
        specs.forEach(spec -> indices.put(spec.alias(), spec.index()));
        return indices;
    }

    private static String create(ElasticsearchClient client, IndexSpec spec) throws IOException {
        String index = spec.index();
        String alias = spec.alias();
        if (!client.indices().exists(e -> e.index(index)).value()) {
            try (InputStream mapping = IndexBootstrap.class.getResourceAsStream(spec.mappingResource())) {
                if (mapping == null) {
                    throw new IllegalStateException("mapping resource " + spec.mappingResource() + " is missing");
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
    }
}
