package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Index bootstrap on the real node: all of podgrep's indices at once, idempotent, and the single call unchanged. */
class IndexBootstrapTest {

    private final ElasticsearchClient client = TestElasticsearch.client();

    @Test
    void ensureAllCreatesEveryMissingIndexBehindItsAliasAndIsIdempotent() throws Exception {
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("boot"));
        // one of them exists already (as an older podgrep would have left it)
        IndexBootstrap.IndexSpec feeds = names.all().get(1);
        IndexBootstrap.ensure(client, feeds.alias(), feeds.version(), feeds.mappingResource());

        var indices = IndexBootstrap.ensureAll(client, names.all());
        assertThat(indices).hasSize(3);
        for (IndexBootstrap.IndexSpec spec : names.all()) {
            assertThat(indices).containsEntry(spec.alias(), spec.index());
        }
        for (IndexBootstrap.IndexSpec spec : names.all()) {
            var alias = client.indices().getAlias(g -> g.name(spec.alias()));
            assertThat(alias.aliases()).containsOnlyKeys(spec.index());
            // created from the mapping resource, not by dynamic mapping
            var mapping = client.indices().getMapping(m -> m.index(spec.index()));
            assertThat(mapping.mappings().get(spec.index()).mappings().properties()).isNotEmpty();
        }

        // again, and through the single call its owners use: nothing changes, nothing fails
        assertThat(IndexBootstrap.ensureAll(client, names.all())).isEqualTo(indices);
        IndexBootstrap.IndexSpec segments = names.all().get(2);
        assertThat(IndexBootstrap.ensure(client, segments.alias(), segments.version(), segments.mappingResource()))
                .isEqualTo(segments.index());
    }

    @Test
    void aMissingMappingResourceIsAClearError() {
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("boot"));
        var bad = List.of(new IndexBootstrap.IndexSpec(names.segments(), 1, "/elasticsearch/no-such.json"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IndexBootstrap.ensureAll(client, bad))
                .hasMessageContaining("/elasticsearch/no-such.json");
    }
}
