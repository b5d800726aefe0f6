package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one real Elasticsearch node of a test JVM, started on first use (~5-10 s) and stopped when the JVM exits.
 * Test classes share it and keep apart by their own index prefix ({@link #uniquePrefix(String)}).
 */
public final class TestElasticsearch {

    private static LocalElasticsearch node;
    private static Path nodeDir;
    private static ElasticsearchClient client;

    private TestElasticsearch() {
    }

    /** The shared node, started on first call. */
    public static synchronized LocalElasticsearch node() {
        if (node == null) {
            Path dir = Path.of("target", "test-elasticsearch", UUID.randomUUID().toString());
            LocalElasticsearch started = LocalElasticsearch.start(new LocalElasticsearch.Options(home(), dir,
                    JavaRuntime.forElasticsearch(null), "512m", 0, "podgrep-test", null));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteQuietly(dir);
            }, "test-elasticsearch-stop"));
            nodeDir = dir;
            node = started;
        }
        return node;
    }

    /** The shared node's folder (data, logs, tmp). */
    public static synchronized Path nodeDir() {
        node();
        return nodeDir;
    }

    /** The node's HTTP address as a string, for {@code podgrep.elasticsearch.url}. */
    public static String url() {
        return node().httpAddress().toString();
    }

    /** A Java API client on the shared node. */
    public static synchronized ElasticsearchClient client() {
        if (client == null) {
            Rest5Client rest = Rest5Client.builder(node().httpAddress()).build();
            client = new ElasticsearchClient(new Rest5ClientTransport(rest, ElasticsearchConfiguration.jsonpMapper()));
        }
        return client;
    }

    /** An index prefix no other test class uses. */
    public static String uniquePrefix(String name) {
        return (name + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The home assembled by the build (search-api/target/elasticsearch-home). */
    public static Path home() {
        String configured = System.getProperty("podgrep.test.elasticsearch-home");
        if (configured != null) {
            return Path.of(configured);
        }
        // surefire runs in search-api/; benchmarks run with exec:java from the repository root
        Path moduleDir = Path.of("target", "elasticsearch-home");
        return java.nio.file.Files.isDirectory(moduleDir) ? moduleDir : Path.of("search-api", "target", "elasticsearch-home");
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
