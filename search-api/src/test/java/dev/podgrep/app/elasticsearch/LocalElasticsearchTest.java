package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalElasticsearchTest {

    @Test
    void sharedNodeAnswersOnLoopbackWithAGreenCluster() throws Exception {
        LocalElasticsearch node = TestElasticsearch.node();
        assertThat(node.httpAddress().getHost()).isEqualTo("127.0.0.1");
        assertThat(node.httpAddress().getPort()).isPositive();
        var health = TestElasticsearch.client().cluster().health();
        assertThat(health.status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        assertThat(health.numberOfNodes()).isEqualTo(1);
    }

    @Test
    void theNodesDiskWatermarksAreOnWithAbsoluteFreeSpaceLimits() throws Exception {
        var settings = TestElasticsearch.client().cluster().getSettings(s -> s.includeDefaults(true).flatSettings(true));
        java.util.Map<String, co.elastic.clients.json.JsonData> all = new java.util.HashMap<>(settings.defaults());
        all.putAll(settings.persistent());
        all.putAll(settings.transient_());
        assertThat(all.get("cluster.routing.allocation.disk.threshold_enabled").to(String.class)).isEqualTo("true");
        assertThat(all.get("cluster.routing.allocation.disk.watermark.flood_stage").to(String.class)).isEqualTo("500mb");
        assertThat(all.get("cluster.routing.allocation.disk.watermark.high").to(String.class)).isEqualTo("1gb");
        assertThat(all.get("cluster.routing.allocation.disk.watermark.low").to(String.class)).isEqualTo("2gb");
        // and the node can read its disk's free space (what the watermarks are checked against)
        var allocation = TestElasticsearch.client().cat().allocation();
        assertThat(allocation.allocations()).isNotEmpty();
        assertThat(allocation.allocations().getFirst().diskAvail()).isNotNull();
    }

    @Test
    void theNodesFoldersArePrivateToTheUser(@TempDir Path dir) throws Exception {
        Path nodeDir = dir.resolve("data").resolve("elasticsearch");
        Files.createDirectories(nodeDir.resolve("data"));
        java.nio.file.Files.setPosixFilePermissions(nodeDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(nodeDir.resolve("data"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        for (Path folder : List.of(nodeDir, nodeDir.resolve("data"), nodeDir.resolve("logs"), nodeDir.resolve("tmp"))) {
            LocalElasticsearch.createPrivateDirectory(folder);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as(folder.toString()).isEqualTo("rwx------");
        }
        // and the shared test node's own folders, made by LocalElasticsearch.start
        Path started = TestElasticsearch.nodeDir();
        for (Path folder : List.of(started, started.resolve("data"), started.resolve("logs"), started.resolve("tmp"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as(folder.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void anIncompleteHomeIsRefusedNamingWhatIsMissing(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("lib"));
        assertThatThrownBy(() -> LocalElasticsearch.start(LocalElasticsearch.Options.of(home, dir.resolve("node"))))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining(home.toString())
                .hasMessageContaining("lib/entitlement-agent")
                .hasMessageContaining("modules/transport-netty4")
                .hasMessageContaining("podgrep.elasticsearch.url");
    }

    @Test
    void dataSurvivesARestartAndCloseLeavesNoProcess(@TempDir Path dir) throws Exception {
        Path nodeDir = dir.resolve("node");
        long firstPid;
        try (LocalElasticsearch node = LocalElasticsearch.start(LocalElasticsearch.Options.of(
                TestElasticsearch.home(), nodeDir));
             Rest5Client rest = Rest5Client.builder(node.httpAddress()).build()) {
            firstPid = node.pid();
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest,
                    ElasticsearchConfiguration.jsonpMapper()));
            client.index(i -> i.index("survivor").id("1").document(java.util.Map.of("text", "still here"))
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        }
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));

        try (LocalElasticsearch node = LocalElasticsearch.start(LocalElasticsearch.Options.of(
                TestElasticsearch.home(), nodeDir));
             Rest5Client rest = Rest5Client.builder(node.httpAddress()).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest,
                    ElasticsearchConfiguration.jsonpMapper()));
            var doc = client.get(g -> g.index("survivor").id("1"), java.util.Map.class);
            assertThat(doc.found()).isTrue();
            assertThat(doc.source()).containsEntry("text", "still here");
        }
    }

    @Test
    void theNodeDiesWithItsParentEvenOnKillMinus9(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                NodeHolderMain.class.getName(), TestElasticsearch.home().toAbsolutePath().toString(),
                dir.resolve("node").toString()))
                .redirectErrorStream(true).start();
        long nodePid = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            StringBuilder printed = new StringBuilder();
            while ((line = out.readLine()) != null) {
                printed.append(line).append('\n');
                if (line.startsWith("NODE-PID ")) {
                    nodePid = Long.parseLong(line.substring("NODE-PID ".length()).strip());
                    break;
                }
            }
            assertThat(nodePid).as("the child JVM started a node and printed its pid; it printed:%n%s", printed)
                    .isPositive();
            assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive)).contains(true);

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false))
                    .as("Elasticsearch pid %d still alive 30 s after its parent was killed", nodePid).isFalse();
        } finally {
            parent.destroyForcibly();
            long pid = nodePid;
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
