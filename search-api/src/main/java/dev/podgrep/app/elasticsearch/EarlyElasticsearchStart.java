package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.podgrep.app.PodgrepProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the local Elasticsearch node, and creates podgrep's indices on it, as soon as the configuration is known
 * (Spring's environment is prepared, well before the application context is built), on a thread of its own: the
 * node's start (several seconds, a JVM of its own) then overlaps the building of the Spring context and the web
 * server instead of following it. The {@code ElasticsearchConnection} bean takes the connection over
 * ({@link #connection()}), waiting only for what is left of the start. Does nothing for an external cluster.
 *
 * <p>Added to the application by {@code PodgrepApplication.main}; applications built otherwise (tests) start
 * the node from the bean as before. If the application fails to start, the node is stopped.
 */
public final class EarlyElasticsearchStart implements ApplicationListener<SpringApplicationEvent> {

    /** The bean name this start is registered under in the application context. */
    public static final String BEAN_NAME = "earlyElasticsearchStart";

    private static final Logger log = LoggerFactory.getLogger(EarlyElasticsearchStart.class);

    private CompletableFuture<ElasticsearchConnection> starting;
    private volatile boolean taken;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        switch (event) {
            case ApplicationEnvironmentPreparedEvent prepared -> begin(prepared);
            case ApplicationPreparedEvent prepared when starting != null ->
                    prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, this);
            case ApplicationFailedEvent failed when starting != null && !taken -> starting.thenAccept(
                    ElasticsearchConnection::close);
            default -> {
            }
        }
    }

    /**
     * The connection to the node started early, once it answers and its indices exist; from now on the caller
     * owns it (closes it).
     *
     * @throws LocalElasticsearchException when the node could not be started
     */
    public ElasticsearchConnection connection() {
        taken = true;
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void begin(ApplicationEnvironmentPreparedEvent event) {
        PodgrepProperties properties;
        try {
            properties = Binder.get(event.getEnvironment()).bindOrCreate("podgrep", PodgrepProperties.class);
        } catch (RuntimeException e) {
            // an invalid configuration: the context reports it properly; start nothing
            log.debug("not starting Elasticsearch early: {}", e.toString());
            return;
        }
        if (!properties.elasticsearch().local()) {
            return;
        }
        starting = new CompletableFuture<>();
        Thread.ofPlatform().name("elasticsearch-start").daemon().start(() -> {
            try {
                ElasticsearchConnection connection = ElasticsearchConnection.open(properties);
                createIndices(connection, properties);
                starting.complete(connection);
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
    }

    private static void createIndices(ElasticsearchConnection connection, PodgrepProperties properties) {
        long started = System.nanoTime();
        IndexNames names = new IndexNames(properties.elasticsearch().indexPrefix());
        try (Rest5Client rest = ElasticsearchClients.restClient(connection.address(),
                ElasticsearchClients.ClientSettings.standard(properties.elasticsearch()))) {
            IndexBootstrap.ensureAll(new ElasticsearchClient(new Rest5ClientTransport(rest,
                    ElasticsearchConfiguration.jsonpMapper())), names.all());
            log.info("Indices ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            // the application's own bootstrap tries again and reports it
            log.warn("Could not create podgrep's indices early: {}", e.toString());
        }
    }
}
