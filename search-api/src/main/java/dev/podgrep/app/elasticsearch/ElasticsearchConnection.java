package dev.podgrep.app.elasticsearch;

import dev.podgrep.app.PodgrepProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.system.ApplicationHome;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where podgrep's Elasticsearch is: the external cluster of {@code podgrep.elasticsearch.url} (one or more of its
 * nodes' addresses, comma-separated: the clients spread requests over them and go on with the others when one dies),
 * or the local node
 * this object starts (data under {@code <podgrep.data-dir>/elasticsearch}) and, as its single owner, supervises and
 * stops.
 *
 * <p>Supervision: when the local node's process ends without {@link #close()} (a crash, the OOM killer, a
 * {@code kill -9}), the connection becomes {@link Availability#RESTARTING} at once, tells its
 * {@linkplain #addListener listeners}, and starts the node again on the same data and, when it can, the same port
 * (so clients need no change), after a back-off that doubles per attempt. Once it answers the connection is
 * {@link Availability#AVAILABLE} again. After {@code podgrep.elasticsearch.max-restarts} failed or short-lived
 * restarts in a row it gives up: {@link Availability#FAILED}, health stays DOWN, and the log says why.
 */
public final class ElasticsearchConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchConnection.class);
    /** A node that has answered for this long has recovered: a later death starts a new count of attempts. */
    private static final Duration STABLE_AFTER = Duration.ofMinutes(10);
    private static final Duration RESTARTER_JOIN = Duration.ofSeconds(30);

    /** Whether Elasticsearch can be used now. */
    public enum Availability {
        /** The cluster answers (as far as podgrep knows: an external cluster is always assumed available). */
        AVAILABLE,
        /** The local node died and is being started again; requests fail meanwhile, retry them later. */
        RESTARTING,
        /** The local node died and could not be restarted; podgrep needs an operator (see the log). */
        FAILED
    }

    /**
     * Told when the connection's {@link Availability} changes, on the thread that noticed (keep it short).
     * Ingestion uses it to end episodes as retryable while the node restarts, the clients to follow an address
     * change.
     */
    @FunctionalInterface
    public interface AvailabilityListener {
        void availabilityChanged(Availability availability, URI address);
    }

    /** How often and how patiently a dead local node is started again. */
    public record RestartPolicy(int maxAttempts, Duration firstBackoff) {
        public RestartPolicy {
            firstBackoff = firstBackoff == null ? Duration.ofSeconds(1) : firstBackoff;
        }
    }

    private final LocalElasticsearch.Options options;
    private final RestartPolicy restartPolicy;
    /** An external cluster's node addresses; empty for the local node (its address is {@link #address}). */
    private final List<URI> clusterAddresses;
    private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();
    private volatile URI address;
    private volatile LocalElasticsearch localNode;
    private volatile Availability availability = Availability.AVAILABLE;
    private volatile long nodeReadyAt;
    private int attemptsInARow;
    private Thread restarter;
    private boolean closed;

    private ElasticsearchConnection(List<URI> addresses, LocalElasticsearch localNode,
                                    LocalElasticsearch.Options options, RestartPolicy restartPolicy) {
        this.address = addresses.getFirst();
        this.clusterAddresses = localNode == null ? List.copyOf(addresses) : List.of();
        this.localNode = localNode;
        this.options = options;
        this.restartPolicy = restartPolicy;
        if (localNode != null) {
            nodeReadyAt = System.nanoTime();
            watch(localNode);
        }
    }

    /** The external cluster, or a freshly started and supervised local node (this blocks until it answers). */
    public static ElasticsearchConnection open(PodgrepProperties properties) {
        PodgrepProperties.ElasticsearchProperties es = properties.elasticsearch();
        if (!es.local()) {
            List<URI> uris = parseUrls(es.url());
            log.info("Using the Elasticsearch cluster at {}", uris);
            return external(uris);
        }
        Path home = es.home() != null ? es.home() : findHome();
        Path dataDir = properties.dataDir();
        Path nodeDir = dataDir.resolve("elasticsearch");
        try {
            LocalElasticsearch.createPrivateDirectory(dataDir);
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot create the data dir " + dataDir.toAbsolutePath()
                    + " (podgrep.data-dir): " + e, e);
        }
        log.info("Starting the local Elasticsearch node (home {}, data {})", home, nodeDir.toAbsolutePath());
        LocalElasticsearch.Options options = new LocalElasticsearch.Options(home, nodeDir,
                JavaRuntime.forElasticsearch(es.javaHome()), es.heap(), es.port(), null, es.startTimeout());
        return local(options, new RestartPolicy(es.maxRestarts(), es.restartBackoff()));
    }

    /** An external cluster at {@code address} (not supervised: always {@link Availability#AVAILABLE}). */
    public static ElasticsearchConnection external(URI address) {
        return external(List.of(address));
    }

    /**
     * An external cluster reached through any of these nodes (not supervised: always
     * {@link Availability#AVAILABLE}; the clients skip a node that does not answer and try it again later).
     */
    public static ElasticsearchConnection external(List<URI> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch address");
        }
        return new ElasticsearchConnection(addresses, null, null, null);
    }

    /** Starts a local node with {@code options} and supervises it under {@code policy}. */
    public static ElasticsearchConnection local(LocalElasticsearch.Options options, RestartPolicy policy) {
        LocalElasticsearch node = LocalElasticsearch.start(options);
        return new ElasticsearchConnection(List.of(node.httpAddress()), node, options, policy);
    }

    /** The cluster's HTTP address (for the local node: where it answers now; for a cluster: its first node's). */
    public URI address() {
        return address;
    }

    /** Every address the clients may send requests to: the local node's, or each configured node of a cluster. */
    public List<URI> addresses() {
        return clusterAddresses.isEmpty() ? List.of(address) : clusterAddresses;
    }

    /** The local node as it runs now (a restart replaces it), when podgrep started one. */
    public Optional<LocalElasticsearch> localNode() {
        return Optional.ofNullable(localNode);
    }

    /** Whether the connection is usable now (see {@link Availability}). */
    public Availability availability() {
        return availability;
    }

    /** Shorthand for {@code availability() == AVAILABLE}. */
    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    /** Registers a listener for availability changes (see {@link AvailabilityListener}). */
    public void addListener(AvailabilityListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AvailabilityListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        Thread restarting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            restarting = restarter;
        }
        if (restarting != null) {
            restarting.interrupt();
            try {
                restarting.join(RESTARTER_JOIN.toMillis()); // a start in progress is stopped by the interrupt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LocalElasticsearch node = localNode;
        if (node != null) {
            node.close();
        }
    }

    private void watch(LocalElasticsearch node) {
        node.onExit().thenAccept(this::exited);
    }

    private void exited(LocalElasticsearch node) {
        synchronized (this) {
            if (closed || node.closing() || node != localNode) {
                return;
            }
            if (System.nanoTime() - nodeReadyAt > STABLE_AFTER.toNanos()) {
                attemptsInARow = 0;
            }
            log.warn("The local Elasticsearch node (pid {}) exited with code {} while podgrep runs; starting it "
                    + "again on the same data (at most {} attempts). Its last output:\n{}", node.pid(),
                    node.exitCode(), restartPolicy.maxAttempts() - attemptsInARow, node.recentOutput());
            restarter = Thread.ofPlatform().daemon().name("elasticsearch-restart").unstarted(this::restart);
            restarter.start();
        }
        changeTo(Availability.RESTARTING);
    }

    private void restart() {
        int port = address.getPort();
        while (true) {
            int attempt;
            synchronized (this) {
                if (closed) {
                    return;
                }
                attempt = ++attemptsInARow;
            }
            if (attempt > restartPolicy.maxAttempts()) {
                log.error("Gave up restarting the local Elasticsearch node after {} attempts in a row; podgrep is "
                        + "DOWN until it is restarted. Look at the node's output above (disk full? memory?).",
                        restartPolicy.maxAttempts());
                changeTo(Availability.FAILED);
                return;
            }
            Duration wait = restartPolicy.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return; // closing
            }
            try {
                log.info("Restarting the local Elasticsearch node on port {} (attempt {} of {})", port, attempt,
                        restartPolicy.maxAttempts());
                LocalElasticsearch node = LocalElasticsearch.start(options.withHttpPort(port));
                synchronized (this) {
                    if (closed) {
                        node.close();
                        return;
                    }
                    localNode = node;
                    address = node.httpAddress();
                    nodeReadyAt = System.nanoTime();
                    restarter = null;
                    watch(node);
                }
                log.info("The local Elasticsearch node is back at {} (pid {})", node.httpAddress(), node.pid());
                changeTo(Availability.AVAILABLE);
                return;
            } catch (LocalElasticsearchException e) {
                log.warn("Restarting the local Elasticsearch node failed (attempt {}): {}", attempt, e.getMessage());
                if (String.valueOf(e.getMessage()).contains("BindException")
                        || String.valueOf(e.getMessage()).contains("Address already in use")) {
                    port = 0; // someone took the port: any port, the clients follow the new address
                }
            }
        }
    }

    private void changeTo(Availability now) {
        availability = now;
        for (AvailabilityListener listener : listeners) {
            try {
                listener.availabilityChanged(now, address);
            } catch (RuntimeException e) {
                log.warn("An Elasticsearch availability listener failed: {}", e.toString(), e);
            }
        }
    }

    /** {@code podgrep.elasticsearch.url}: one URL, or several (the nodes of one cluster) separated by commas. */
    static List<URI> parseUrls(String urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls.split(",")) {
            if (!url.isBlank()) {
                parsed.add(parseUrl(url));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("podgrep.elasticsearch.url=" + urls + " holds no URL, e.g. "
                    + "http://localhost:9200");
        }
        return List.copyOf(parsed);
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
                    + e.getReason() + "), e.g. http://localhost:9200 or, for several nodes of one cluster, "
                    + "http://es1:9200,http://es2:9200", e);
        }
    }

    /**
     * The home built next to podgrep.jar ({@code search-api/target/elasticsearch-home}), found from the jar's
     * location (whatever the working directory), else from the working directory (repository root or
     * search-api/).
     */
    static Path findHome() {
        List<Path> candidates = new ArrayList<>();
        try {
            // podgrep.jar → its folder; target/classes (IDE, mvn spring-boot:run) → target
            File source = new ApplicationHome(ElasticsearchConnection.class).getSource();
            if (source != null && source.getParentFile() != null) {
                candidates.add(source.getParentFile().toPath().resolve("elasticsearch-home"));
            }
        } catch (RuntimeException e) {
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
