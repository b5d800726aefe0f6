package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * {@code /actuator/health} is UP only when Elasticsearch answers with a green or yellow cluster, and DOWN at once
 * while the local node is being restarted or could not be. Its details (address, cluster, the error) are shown
 * only to an authorized caller (see application.yml, {@code management.endpoint.health.show-details}); anonymous
 * callers see the status alone.
 */
@Component("elasticsearch")
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final ElasticsearchClient client;
    private final ElasticsearchConnection connection;

    ElasticsearchHealthIndicator(ElasticsearchClient client, ElasticsearchConnection connection) {
        this.client = client;
        this.connection = connection;
    }

    @Override
    public Health health() {
        Health.Builder builder;
        ElasticsearchConnection.Availability availability = connection.availability();
        if (availability != ElasticsearchConnection.Availability.AVAILABLE) {
            builder = Health.down().withDetail("availability", availability.name());
        } else {
            try {
                HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time("5s")));
                builder = health.status() == HealthStatus.Red ? Health.down() : Health.up();
                builder.withDetail("status", health.status().jsonValue())
                        .withDetail("cluster", health.clusterName())
                        .withDetail("nodes", health.numberOfNodes());
            } catch (Exception e) {
                builder = Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        builder.withDetail("address", String.join(", ", connection.addresses().stream().map(URI::toString).toList()))
                .withDetail("local", connection.localNode().isPresent());
        return builder.build();
    }
}
