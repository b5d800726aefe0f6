package dev.podgrep.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description and Swagger UI are served, with the documented examples. */
class OpenApiTest extends ApiTestSupport {

    @Test
    void theApiDescriptionHasSearchTranscriptAndQuoteWithExamples() {
        JsonNode api = getJson("/v3/api-docs");
        assertThat(api.path("info").path("title").asText()).isEqualTo("podgrep");
        JsonNode paths = api.path("paths");
        JsonNode search = paths.path("/api/search").path("get");
        assertThat(search.path("parameters").findValuesAsText("name"))
                .contains("q", "feed", "lang", "since", "until", "sort", "collapse", "page", "size");
        assertThat(search.path("responses").path("200").toString()).contains("deepLink").contains("matchSeconds");
        assertThat(search.path("responses").path("400").toString()).contains("problem+json");

        JsonNode quote = paths.path("/api/episodes/{id}/quote").path("get");
        assertThat(quote.path("responses").path("200").toString()).contains("citation").contains("00:31");
        assertThat(quote.path("parameters").findValuesAsText("name")).contains("id", "start", "end");

        JsonNode transcript = paths.path("/api/episodes/{id}/transcript").path("get");
        assertThat(transcript.path("responses").path("200").path("content").fieldNames())
                .toIterable().contains("application/json", "application/x-subrip", "text/vtt", "text/plain");
        assertThat(api.path("components").path("securitySchemes").path("adminToken").path("scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void feedAndIngestionEndpointsAreDescribedLikeTheOthers() {
        JsonNode paths = getJson("/v3/api-docs").path("paths");
        for (String[] operation : new String[][]{{"/api/feeds", "get"}, {"/api/feeds", "post"},
                {"/api/ingest", "post"}, {"/api/ingest/status", "get"}}) {
            JsonNode op = paths.path(operation[0]).path(operation[1]);
            assertThat(op.path("summary").asText()).as("%s %s", operation[1], operation[0]).isNotBlank();
            assertThat(op.path("tags").isEmpty()).as("tagged").isFalse();
        }
        for (String[] admin : new String[][]{{"/api/feeds", "post"}, {"/api/ingest", "post"}}) {
            JsonNode op = paths.path(admin[0]).path(admin[1]);
            assertThat(op.path("security").toString()).as("%s %s", admin[1], admin[0]).contains("adminToken");
            assertThat(op.path("responses").fieldNames()).toIterable().contains("401", "403", "409");
        }
        assertThat(paths.path("/api/feeds").path("post").path("requestBody").toString()).contains("meduza-v-kurse");
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
