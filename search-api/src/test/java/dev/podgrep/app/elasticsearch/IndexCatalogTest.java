package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexNames#all()} (what the application creates up front) agrees with the indices the owners ensure: after
 * the whole application has started on a fresh prefix, every alias still points at the index the catalog created.
 * An owner that moved to a newer mapping version makes this fail (its migration moved the alias on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class IndexCatalogTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TestElasticsearch.uniquePrefix("catalog"));
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
    }

    @Autowired
    IndexNames names;
    @Autowired
    ElasticsearchClient client;

    @Test
    void everyIndexTheApplicationCreatesUpFrontIsTheOneItsOwnerUses() throws Exception {
        assertThat(names.all()).hasSize(3);
        for (IndexBootstrap.IndexSpec spec : names.all()) {
            var alias = client.indices().getAlias(g -> g.name(spec.alias()));
            assertThat(alias.aliases()).as(spec.alias()).containsOnlyKeys(spec.index());
        }
    }
}
