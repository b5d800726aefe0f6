package dev.podgrep.app.admin;

import dev.podgrep.app.web.ApiTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoints with a configured token, over real HTTP: 401 without the right bearer token. */
class AdminTokenTest extends ApiTestSupport {

    private static final String FEED = "{\"url\":\"https://example.org/feed.xml\",\"name\":\"x\",\"language\":\"en\"}";

    private HttpResponse<String> post(String path, String authorization) {
        return post(path, authorization, path.contains("feeds") ? FEED : "");
    }

    private HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/ingest", "/api/feeds"})
    void withoutATokenTheAnswerIs401WithABearerChallenge(String path) {
        HttpResponse<String> response = post(path, null);
        assertProblem(response, 401, "Authorization: Bearer");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"podgrep\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/ingest", "/api/feeds"})
    void aWrongTokenIs401InvalidToken(String path) {
        for (String authorization : new String[]{"Bearer wrong", "Bearer " + ADMIN_TOKEN + "x",
                "Bearer " + ADMIN_TOKEN.substring(1)}) {
            HttpResponse<String> response = post(path, authorization);
            assertProblem(response, 401, "not the configured");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"podgrep\", error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain(ADMIN_TOKEN);
        }
    }

    @Test
    void anotherSchemeOrAnEmptyBearerIsNoToken() {
        assertProblem(post("/api/ingest", "Basic " + ADMIN_TOKEN), 401, "Authorization: Bearer");
        assertProblem(post("/api/ingest", "Bearer "), 401, "Authorization: Bearer");
        assertProblem(post("/api/ingest", ADMIN_TOKEN), 401, "Authorization: Bearer");
    }

    @Test
    void theRightTokenReachesTheFeedEndpoint() {
        for (String authorization : new String[]{"Bearer " + ADMIN_TOKEN, "bearer  " + ADMIN_TOKEN}) {
            // past the guard, the endpoint itself judges the body: an empty object is an invalid feed (nothing added)
            assertProblem(post("/api/feeds", authorization, "{}"), 400, "url is required");
        }
    }

    @Test
    void theRightTokenReachesTheIngestionEndpoint() {
        for (String authorization : new String[]{"Bearer " + ADMIN_TOKEN, "bearer  " + ADMIN_TOKEN}) {
            // past the guard: a run starts (202), or one started by this or another test is still going (409)
            HttpResponse<String> response = post("/api/ingest", authorization, "");
            if (response.statusCode() == 202) {
                assertThat(parse(response.body()).path("started").asBoolean()).isTrue();
                assertThat(response.headers().firstValue("Location")).hasValue("/api/ingest/status");
            } else {
                assertProblem(response, 409, "already in progress");
            }
        }
    }

    @Test
    void readingIsNotGuarded() {
        assertThat(get("/api/ingest/status").statusCode()).isNotIn(401, 403);
        assertThat(get("/api/search?q=navalny").statusCode()).isEqualTo(200);
    }
}
