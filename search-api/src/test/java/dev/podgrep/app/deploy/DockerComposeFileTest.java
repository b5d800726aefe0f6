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
                .contains("ENTRYPOINT").contains("java\", \"-jar\"");
    }
}
