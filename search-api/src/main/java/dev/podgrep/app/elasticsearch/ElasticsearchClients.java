package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Node;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.podgrep.app.PodgrepProperties;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * podgrep's two Elasticsearch clients and their single owner ({@link #close()} closes both):
 * <ul>
 *   <li>{@link #standard()}: ingestion, episode and feed state, index bootstrap, health: writes that must not
 *       wait behind searches. The default {@code ElasticsearchClient} bean.</li>
 *   <li>{@link #search()}: user searches, transcripts and quotes: the {@link SearchClient @SearchClient} bean.</li>
 * </ul>
 * Each has its own low-level {@link Rest5Client} with its own connection pool, a connect timeout and a response
 * timeout, so a burst of heavy searches can fill the search pool without delaying a single state write, and a
 * request to a node that stopped answering fails instead of hanging a thread. When the local node comes back on
 * another address after a restart, both follow it.
 */
public final class ElasticsearchClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchClients.class);

    /**
     * Timeouts and pool size of one client.
     *
     * @param connectTimeout  establishing a connection
     * @param responseTimeout waiting for the answer to a request (socket inactivity included)
     * @param connections     pooled connections (total and per node)
     */
    public record ClientSettings(Duration connectTimeout, Duration responseTimeout, int connections) {

        /** The standard (ingestion and state) client's settings from {@code podgrep.elasticsearch.*}. */
        public static ClientSettings standard(PodgrepProperties.ElasticsearchProperties es) {
            return new ClientSettings(es.connectTimeout(), es.responseTimeout(), es.connections());
        }

        /** The search client's settings from {@code podgrep.elasticsearch.*}. */
        public static ClientSettings search(PodgrepProperties.ElasticsearchProperties es) {
            return new ClientSettings(es.connectTimeout(), es.searchResponseTimeout(), es.searchConnections());
        }
    }

    private final Rest5Client standardRest;
    private final Rest5Client searchRest;
    private final ElasticsearchClient standard;
    private final ElasticsearchClient search;
    private final ElasticsearchConnection connection;
    private final ElasticsearchConnection.AvailabilityListener followAddress;

    public ElasticsearchClients(ElasticsearchConnection connection, ClientSettings standardSettings,
                                ClientSettings searchSettings) {
        this.connection = connection;
        this.standardRest = restClient(connection.addresses(), standardSettings);
        Rest5Client second;
        try {
            second = restClient(connection.addresses(), searchSettings);
        } catch (RuntimeException e) {
            closeQuietly(standardRest);
            throw e;
        }
        this.searchRest = second;
        this.standard = new ElasticsearchClient(new Rest5ClientTransport(standardRest,
                ElasticsearchConfiguration.jsonpMapper()));
        this.search = new ElasticsearchClient(new Rest5ClientTransport(searchRest,
                ElasticsearchConfiguration.jsonpMapper()));
        this.followAddress = (availability, address) -> {
            if (availability == ElasticsearchConnection.Availability.AVAILABLE) {
                pointAt(address);
            }
        };
        connection.addListener(followAddress);
    }

    /** For ingestion, state and everything that writes. */
    public ElasticsearchClient standard() {
        return standard;
    }

    /** For user searches (its own pool: searches never hold up writes). */
    public ElasticsearchClient search() {
        return search;
    }

    /** A low-level client with {@code settings} on one node. The caller owns (closes) it. */
    public static Rest5Client restClient(URI address, ClientSettings settings) {
        return restClient(List.of(address), settings);
    }

    /**
     * A low-level client with {@code settings} on the nodes of one cluster: requests go round the nodes, and one
     * that fails to connect or gets no answer is tried on the next node (a node that failed is left out for a while,
     * then tried again). The caller owns (closes) it.
     */
    public static Rest5Client restClient(List<URI> addresses, ClientSettings settings) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        return Rest5Client.builder(addresses)
                .setConnectionConfigCallback(c -> c.setConnectTimeout(connect).setSocketTimeout(response))
                .setRequestConfigCallback(r -> r.setResponseTimeout(response))
                .setConnectionManagerCallback(m -> m.setMaxConnTotal(settings.connections())
                        .setMaxConnPerRoute(settings.connections()))
                .build();
    }

    private void pointAt(URI address) {
        for (Rest5Client rest : List.of(standardRest, searchRest)) {
            List<Node> nodes = rest.getNodes();
            boolean same = nodes.size() == 1 && nodes.getFirst().getHost().equals(HttpHost.create(address));
            if (!same) {
                log.info("Elasticsearch clients now point at {}", address);
                rest.setNodes(List.of(new Node(HttpHost.create(address))));
            }
        }
    }

    @Override
    public void close() {
        connection.removeListener(followAddress);
        closeQuietly(searchRest);
        closeQuietly(standardRest);
    }

    private static void closeQuietly(Rest5Client rest) {
        try {
            rest.close();
        } catch (IOException e) {
            log.debug("closing an Elasticsearch client: {}", e.toString());
        }
    }
}
