package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch._types.Refresh;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code podgrep.elasticsearch.url} with one or several nodes of a cluster, and the clients on several nodes going
 * on with the ones that answer.
 */
class ElasticsearchConnectionTest {

    @Test
    void oneUrlOrSeveralCommaSeparatedAreTheNodesOfTheCluster() {
        assertThat(ElasticsearchConnection.parseUrls("http://localhost:9200"))
                .containsExactly(URI.create("http://localhost:9200"));
        assertThat(ElasticsearchConnection.parseUrls(" http://es1:9200 , https://es2:9201,"))
                .containsExactly(URI.create("http://es1:9200"), URI.create("https://es2:9201"));
        ElasticsearchConnection cluster = ElasticsearchConnection.external(
                List.of(URI.create("http://es1:9200"), URI.create("http://es2:9200")));
        assertThat(cluster.addresses()).hasSize(2);
        assertThat(cluster.address()).isEqualTo(URI.create("http://es1:9200"));
        assertThat(cluster.available()).isTrue();
    }

    @Test
    void aBadUrlAmongSeveralIsNamedWithAnExample() {
        assertThatThrownBy(() -> ElasticsearchConnection.parseUrls("http://es1:9200,es2:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("podgrep.elasticsearch.url=es2:9200 is not a valid URL")
                .hasMessageContaining("http://es1:9200,http://es2:9200");
        assertThatThrownBy(() -> ElasticsearchConnection.parseUrls(" , "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no URL");
    }

    @Test
    void theClientsGoOnWithTheNodeThatAnswersWhenAnotherIsGone() throws Exception {
        // a node that is gone (nothing listens on port 1) listed first, then the real one
        ElasticsearchConnection connection = ElasticsearchConnection.external(
                List.of(URI.create("http://127.0.0.1:1"), TestElasticsearch.node().httpAddress()));
        var settings = new ElasticsearchClients.ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 4);
        String index = TestElasticsearch.uniquePrefix("two-addresses");
        try (ElasticsearchClients clients = new ElasticsearchClients(connection, settings, settings)) {
            for (int i = 0; i < 6; i++) {   // round the nodes, several times: every request is answered
                String id = "doc-" + i;
                clients.standard().index(w -> w.index(index).id(id).document(Map.of("n", id))
                        .refresh(Refresh.True));
                assertThat(clients.search().count(c -> c.index(index)).count()).isEqualTo(i + 1);
            }
        }
    }
}
