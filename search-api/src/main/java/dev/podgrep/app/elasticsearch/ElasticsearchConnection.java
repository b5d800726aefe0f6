package dev.podgrep.app.elasticsearch;

import dev.podgrep.app.PodgrepProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where podgrep's Elasticsearch is: the external cluster of {@code podgrep.elasticsearch.url}, or the local node
 * this object starts (data under {@code <podgrep.data-dir>/elasticsearch}) and, as its single owner, stops.
 */
public final class ElasticsearchConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchConnection.class);

    private final URI address;
    private final LocalElasticsearch localNode;

    private ElasticsearchConnection(URI address, LocalElasticsearch localNode) {
        this.address = address;
        this.localNode = localNode;
    }

    public static ElasticsearchConnection open(PodgrepProperties properties) {
        PodgrepProperties.ElasticsearchProperties es = properties.elasticsearch();
        if (!es.local()) {
            URI uri = parseUrl(es.url());
            log.info("Using the Elasticsearch cluster at {}", uri);
            return new ElasticsearchConnection(uri, null);
        }
        Path home = es.home() != null ? es.home() : findHome();
        Path nodeDir = properties.dataDir().resolve("elasticsearch");
        log.info("Starting the local Elasticsearch node (home {}, data {})", home, nodeDir.toAbsolutePath());
        LocalElasticsearch node = LocalElasticsearch.start(new LocalElasticsearch.Options(home, nodeDir,
                JavaRuntime.forElasticsearch(es.javaHome()), es.heap(), es.port(), null, es.startTimeout()));
        return new ElasticsearchConnection(node.httpAddress(), node);
    }

    /** The cluster's HTTP address. */
    public URI address() {
        return address;
    }

    /** The local node, when podgrep started one. */
    public java.util.Optional<LocalElasticsearch> localNode() {
        return java.util.Optional.ofNullable(localNode);
    }

    @Override
    public void close() {
        if (localNode != null) {
            localNode.close();
        }
    }

    static URI parseUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected http(s)://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("podgrep.elasticsearch.url=" + url + " is not a valid URL ("
                    + e.getReason() + "), e.g. http://localhost:9200", e);
        }
    }

    /**
     * The home built next to podgrep.jar ({@code search-api/target/elasticsearch-home}), found from the jar's
     * location, else from the working directory (repository root or search-api/).
     */
    static Path findHome() {
        List<Path> candidates = new ArrayList<>();
        try {
            Path code = Path.of(ElasticsearchConnection.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            // podgrep.jar → its folder; target/classes (IDE, mvn spring-boot:run) → target
            Path dir = Files.isDirectory(code) ? code.getParent() : code.getParent();
            if (dir != null) {
                candidates.add(dir.resolve("elasticsearch-home"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not from a file: fall back to the working directory
        }
        candidates.add(Path.of("search-api/target/elasticsearch-home"));
        candidates.add(Path.of("target/elasticsearch-home"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("lib"))).findFirst()
                .map(Path::toAbsolutePath)
                .orElseThrow(() -> new LocalElasticsearchException("no Elasticsearch home found at " + candidates
                        + ". Build it with the README's build command (mvn -DskipTests package), set "
                        + "podgrep.elasticsearch.home, or set podgrep.elasticsearch.url to an external cluster."));
    }
}
