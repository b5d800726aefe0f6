package dev.podgrep.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code podgrep.admin-token} the admin endpoints refuse everyone with 403, whatever token is sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminDisabledTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TestElasticsearch.uniquePrefix("noadmin"));
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.admin-token", () -> " ");
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "Bearer  ", "Bearer anything", "Basic Zm9vOmJhcg=="})
    void everyAdminRequestIs403(String authorization) throws Exception {
        for (String path : new String[]{"/api/ingest", "/api/feeds"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.path("status").asInt()).isEqualTo(403);
            assertThat(body.path("detail").asText()).contains("podgrep.admin-token");
            assertThat(response.body()).doesNotContain("Exception");
        }
    }
}
