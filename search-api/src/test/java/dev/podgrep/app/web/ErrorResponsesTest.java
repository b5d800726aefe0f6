package dev.podgrep.app.web;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors outside the controllers' own validation are problem+json too, and never show Java's insides. */
class ErrorResponsesTest extends ApiTestSupport {

    @Test
    void anUnknownPathIs404ProblemJson() {
        assertProblem(get("/api/no-such-thing"), 404, "");
    }

    @Test
    void springsErrorPathIsProblemJsonWithoutTrace() {
        HttpResponse<String> response = get("/error");
        assertProblem(response, 404, "/error");
        assertThat(response.body()).doesNotContain("timestamp").doesNotContain("exception");
    }

    @Test
    void aWrongMethodIs405ProblemJson() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/search?q=x"))
                .DELETE().build());
        assertProblem(response, 405, "DELETE");
    }

    @Test
    void anInternalIllegalArgumentIsA500WithoutItsMessageNotA400() {
        HttpResponse<String> response = get("/test-only/internal-bug");
        assertProblem(response, 500, "server log");
        assertThat(response.body()).doesNotContain(BrokenEndpointForTests.SECRET).doesNotContain("7c1e");
    }

    @Test
    void everyListingRefusesAnOutOfRangePageTheSameWay() {
        for (String listing : new String[]{"/api/search?q=navalny&", "/api/episodes?"}) {
            assertProblem(get(listing + "page=-1"), 400, "parameter 'page' must be 0 or more, was -1");
            assertProblem(get(listing + "size=0"), 400, "parameter 'size' must be between 1 and 100, was 0");
            assertProblem(get(listing + "page=100&size=100"), 400,
                    "parameter 'page' 100 of size 100 goes beyond the first 10000 results");
        }
        assertProblem(get("/api/search?q=x&since=2026-02-01&until=2026-01-01"), 400, "'since' (2026-02-01) is after");
    }

    @Test
    void aContainerLevelErrorIsProblemJson() {
        // an encoded slash in the path is refused by the servlet container itself and forwarded to /error
        HttpResponse<String> response = get("/api/episodes/a%2Fb/transcript");
        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.apache");
    }
}
