package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own local node (started by the application, on its data dir) is killed with SIGKILL while the
 * application runs: health turns DOWN at once (over HTTP, anonymous: no error text), listeners hear RESTARTING,
 * the node comes back on the same data and port, health is UP again, and the same client beans find what was
 * indexed before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its node stops with the context, after this class
class LocalNodeRestartTest {

    private static final String TOKEN = "restart-test-token-5d1a";
    private static final String PROBE = "restart-probe";
    private static final Path DATA_DIR = createTempDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.data-dir", DATA_DIR::toString);
        registry.add("podgrep.elasticsearch.url", () -> "");
        registry.add("podgrep.elasticsearch.home", () -> TestElasticsearch.home().toAbsolutePath().toString());
        registry.add("podgrep.elasticsearch.restart-backoff", () -> "200ms");
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.admin-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchConnection connection;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    @SearchClient
    ElasticsearchClient searchClient;
    @Autowired
    IndexNames names;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aKilledNodeIsRestartedOnItsDataAndHealthGoesDownThenUp() throws Exception {
        for (Path dir : List.of(DATA_DIR, DATA_DIR.resolve("elasticsearch"), DATA_DIR.resolve("elasticsearch/data"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as("%s is private to the user", dir).isEqualTo("rwx------");
        }
        // an index of its own (podgrep's have strict mappings owned by other packages)
        client.index(i -> i.index(PROBE).id("before-the-crash")
                .document(Map.of("title", "kept across a crash")).refresh(Refresh.True));
        List<ElasticsearchConnection.Availability> heard = new CopyOnWriteArrayList<>();
        connection.addListener((availability, address) -> heard.add(availability));
        URI before = connection.address();
        long killedPid = connection.localNode().orElseThrow().pid();
        assertThat(health(null).statusCode()).isEqualTo(200);

        ProcessHandle.of(killedPid).orElseThrow().destroyForcibly(); // SIGKILL

        HttpResponse<String> down = awaitHealth(503, 10);
        JsonNode body = json.readTree(down.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").path("elasticsearch").path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body()).doesNotContain("details").doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(before.getPort()));
        assertThat(connection.available()).isFalse();
        JsonNode adminView = json.readTree(health("Bearer " + TOKEN).body());
        assertThat(adminView.path("components").path("elasticsearch").path("details").path("availability").asText())
                .isIn("RESTARTING", ""); // "" when it came back in between

        HttpResponse<String> up = awaitHealth(200, 120);
        assertThat(json.readTree(up.body()).path("status").asText()).isEqualTo("UP");
        assertThat(connection.available()).isTrue();
        assertThat(heard).containsSubsequence(ElasticsearchConnection.Availability.RESTARTING,
                ElasticsearchConnection.Availability.AVAILABLE);
        LocalElasticsearch restarted = connection.localNode().orElseThrow();
        assertThat(restarted.pid()).isNotEqualTo(killedPid);
        assertThat(connection.address()).as("same address, so clients need no change").isEqualTo(before);
        assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        for (ElasticsearchClient c : List.of(client, searchClient)) {
            var doc = c.get(g -> g.index(PROBE).id("before-the-crash"), Map.class);
            assertThat(doc.found()).as("the document indexed before the crash").isTrue();
            assertThat(doc.source()).containsEntry("title", "kept across a crash");
            assertThat(c.search(s -> s.index(PROBE).query(q -> q.ids(ids -> ids.values("before-the-crash"))),
                    Map.class).hits().total().value()).isEqualTo(1);
        }
        for (IndexBootstrap.IndexSpec spec : names.all()) {
            assertThat(client.indices().getAlias(g -> g.name(spec.alias())).aliases())
                    .as("podgrep's alias %s after the restart", spec.alias()).containsOnlyKeys(spec.index());
        }
    }

    private HttpResponse<String> awaitHealth(int status, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = health(null);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health was not " + status + " within " + seconds + " s; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> health(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Under target/ (mvn clean removes it): the node must outlive this class's methods until the context stops. */
    private static Path createTempDir() {
        try {
            Files.createDirectories(Path.of("target"));
            // the data dir itself does not exist yet: podgrep creates it (private)
            return Files.createTempDirectory(Path.of("target"), "restart-test-").resolve("data").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
