package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two clients on the real node: a write on the standard client does not wait behind requests that hold every
 * connection of the search client, and a request that gets no answer fails after the response timeout.
 * "Heavy searches" are played by {@code _cluster/health?wait_for_nodes=5&timeout=5s}: on one node it holds its
 * connection for 5 s, like a slow search, and costs the node nothing.
 */
class ElasticsearchClientsTest {

    private static final Duration HOLD = Duration.ofSeconds(5);

    private static CompletableFuture<Void> holdAConnection(ElasticsearchClient client, ExecutorService pool) {
        return CompletableFuture.runAsync(() -> {
            try {
                client.cluster().health(h -> h.waitForNodes("5").timeout(t -> t.time(HOLD.toSeconds() + "s")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool);
    }

    private static long writeMillis(ElasticsearchClient client, String index) throws Exception {
        long t = System.nanoTime();
        client.index(i -> i.index(index).id("1").document(Map.of("state", "INDEXED")).refresh(Refresh.False));
        return (System.nanoTime() - t) / 1_000_000;
    }

    @Test
    void aWriteOnTheStandardClientDoesNotQueueBehindBusySearchConnections() throws Exception {
        ElasticsearchConnection connection = ElasticsearchConnection.external(TestElasticsearch.node().httpAddress());
        var settings = new ElasticsearchClients.ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 2);
        String index = TestElasticsearch.uniquePrefix("pools");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ElasticsearchClients clients = new ElasticsearchClients(connection, settings, settings)) {
            writeMillis(clients.standard(), index); // creates the index, warms both paths up
            clients.search().cluster().health();

            List<CompletableFuture<Void>> busy = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                busy.add(holdAConnection(clients.search(), pool)); // every search connection taken for 5 s
            }
            Thread.sleep(300);
            long separate = writeMillis(clients.standard(), index);
            assertThat(separate).as("a write while all search connections are busy (ms)").isLessThan(2500);
            CompletableFuture.allOf(busy.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            // the control: the same write through the busy client itself waits for a connection
            busy.clear();
            for (int i = 0; i < 2; i++) {
                busy.add(holdAConnection(clients.search(), pool));
            }
            Thread.sleep(300);
            long shared = writeMillis(clients.search(), index);
            assertThat(shared).as("a write queued behind the busy pool (ms)").isGreaterThan(3500);
            CompletableFuture.allOf(busy.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWithoutAnAnswerFailsAfterTheResponseTimeout() throws Exception {
        ElasticsearchConnection connection = ElasticsearchConnection.external(TestElasticsearch.node().httpAddress());
        var quick = new ElasticsearchClients.ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), 2);
        try (ElasticsearchClients clients = new ElasticsearchClients(connection, quick, quick)) {
            long t = System.nanoTime();
            assertThatThrownBy(() -> clients.search().cluster().health(h -> h.waitForNodes("5")
                    .timeout(x -> x.time("10s"))))
                    .hasStackTraceContaining("imeout");
            long millis = (System.nanoTime() - t) / 1_000_000;
            assertThat(millis).as("failed after (ms)").isBetween(900L, 5000L);
            // and the client still works afterwards
            assertThat(clients.standard().cluster().health().numberOfNodes()).isEqualTo(1);
        }
    }
}
