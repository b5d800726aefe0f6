package dev.podgrep.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.app.segments.TranscriptIndexer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application on the shared real Elasticsearch node, spoken to over real HTTP, with the
 * {@link ApiCorpus} indexed once through the real {@link TranscriptIndexer}. Subclasses share one application
 * context (same properties), so the corpus is indexed once per test JVM. The admin token is {@link #ADMIN_TOKEN}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    public static final String ADMIN_TOKEN = "test-admin-token-7f3e";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("podgrep.elasticsearch.url", TestElasticsearch::url);
        registry.add("podgrep.elasticsearch.index-prefix", () -> TestElasticsearch.uniquePrefix("api"));
        registry.add("podgrep.ingest.on-startup", () -> "false");
        registry.add("podgrep.ingest.cron", () -> "-");
        registry.add("podgrep.admin-token", () -> ADMIN_TOKEN);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    private TranscriptIndexer indexer;

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void indexCorpus() {
        ApiCorpus.indexOnce(indexer);
    }

    protected HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A 200 JSON answer, parsed. */
    protected JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("status of %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        return parse(response.body());
    }

    /** {@code /api/search?q=<q encoded>&<more>}, a 200 answer, parsed. */
    protected JsonNode search(String q, String more) {
        return getJson("/api/search?q=" + encode(q) + (more == null || more.isEmpty() ? "" : "&" + more));
    }

    /**
     * Asserts an error answer: the status, {@code application/problem+json} with that status, a detail containing
     * {@code detailContains}, and nothing of Java's insides (exception names, stack frames).
     */
    protected static JsonNode assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = parse(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).containsIgnoringCase(detailContains);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.podgrep")
                .doesNotContain("at java.").doesNotContain("trace");
        return body;
    }

    protected static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    protected static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
