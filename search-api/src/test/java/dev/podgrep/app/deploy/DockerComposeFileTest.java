package dev.podgrep.app.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine exists where the tests run, so docker-compose.yml cannot be started here; this checks what
 * an operator relies on when they run it: the official ES 9 image, single node, a healthcheck, podgrep waiting
 * for a healthy ES and pointed at it, persistent volumes, and a Dockerfile that builds podgrep.jar.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Object> services;
    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        volumes = (Map<String, Object>) compose.get("volumes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void elasticsearchIsTheOfficialNineImageAsASingleNodeWithAHealthcheckAndAVolume() {
        Map<String, Object> es = (Map<String, Object>) services.get("elasticsearch");
        assertThat(es).as("an elasticsearch service").isNotNull();
        assertThat((String) es.get("image")).startsWith("docker.elastic.co/elasticsearch/elasticsearch:9.");
        Map<String, Object> env = (Map<String, Object>) es.get("environment");
        assertThat(env).containsEntry("discovery.type", "single-node").containsEntry("xpack.security.enabled", "false");
        Map<String, Object> health = (Map<String, Object>) es.get("healthcheck");
        assertThat(String.join(" ", (List<String>) health.get("test"))).contains("_cluster/health");
        assertThat((List<String>) es.get("volumes")).anyMatch(v -> v.endsWith(":/usr/share/elasticsearch/data"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void podgrepIsBuiltFromTheRepoWaitsForAHealthyElasticsearchAndUsesIt() throws IOException {
        Map<String, Object> app = (Map<String, Object>) services.get("podgrep");
        assertThat(app).as("a podgrep service").isNotNull();
        assertThat(app.get("build")).isEqualTo(".");
        Map<String, Object> dependsOn = (Map<String, Object>) app.get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("elasticsearch")).containsEntry("condition", "service_healthy");
        Map<String, Object> env = (Map<String, Object>) app.get("environment");
        assertThat(env).containsEntry("PODGREP_ELASTICSEARCH_URL", "http://elasticsearch:9200");
        assertThat(app.get("healthcheck")).isNotNull();
        List<String> appVolumes = (List<String>) app.get("volumes");
        assertThat(appVolumes).anyMatch(v -> v.endsWith(":" + env.get("PODGREP_DATA_DIR")));
        assertThat(appVolumes).anyMatch(v -> v.endsWith(":/data/models"));
        for (String volume : appVolumes) {
            assertThat(volumes).containsKey(volume.substring(0, volume.indexOf(':')));
        }

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("mvn").contains("search-api/target/podgrep.jar")
                .contains("ENTRYPOINT").contains("\"-jar\", \"/app/podgrep.jar\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothingIsPublishedBeyondLoopbackAndThePodgrepContainerIsNotRoot() throws IOException {
        for (String service : new String[]{"elasticsearch", "podgrep"}) {
            List<String> ports = (List<String>) ((Map<String, Object>) services.get(service)).get("ports");
            assertThat(ports).as(service).isNotEmpty().allMatch(p -> p.startsWith("127.0.0.1:"));
        }
        Map<String, Object> esEnv = (Map<String, Object>) ((Map<String, Object>) services.get("elasticsearch"))
                .get("environment");
        assertThat(esEnv).as("disk watermarks stay on").doesNotContainKey("cluster.routing.allocation.disk.threshold_enabled");

        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        List<String> runtime = lines.subList(lastFrom, lines.size());
        String user = runtime.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the runtime image sets no USER: it would run as root"));
        assertThat(user.substring(5).strip()).isNotIn("root", "0");
        String entrypoint = runtime.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).as("explicit heap").contains("-Xmx").contains("-Xms");
    }
}
