package dev.podgrep.app.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} over real HTTP: anonymous callers see statuses only (no address, port, path or error
 * text); the admin bearer token shows the details; a wrong token is treated as anonymous.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointAccessTest {

    static final String TOKEN = "health-test-token-91c2";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TestElasticsearch.uniquePrefix("health"));
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.admin-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> health(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousCallersSeeStatusesButNoAddressPortOrPath() throws Exception {
        for (String authorization : new String[]{null, "Bearer wrong-token", "Basic " + TOKEN}) {
            HttpResponse<String> response = health(authorization);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("components").path("elasticsearch").path("status").asText()).isEqualTo("UP");
            assertThat(body.path("components").path("diskSpace").path("status").asText()).isEqualTo("UP");
            assertThat(response.body()).as("anonymous body (%s)", authorization)
                    .doesNotContain("details")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(Integer.toString(TestElasticsearch.node().httpAddress().getPort()))
                    .doesNotContain("/")   // no URL, no file system path
                    .doesNotContain("podgrep-test"); // no cluster name
        }
    }

    @Test
    void theAdminTokenShowsTheDetails() throws Exception {
        HttpResponse<String> response = health("Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode es = json.readTree(response.body()).path("components").path("elasticsearch");
        assertThat(es.path("status").asText()).isEqualTo("UP");
        assertThat(es.path("details").path("address").asText()).isEqualTo(TestElasticsearch.url());
        assertThat(es.path("details").path("nodes").asInt()).isEqualTo(1);
    }
}
