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
    void aContainerLevelErrorIsProblemJson() {
        // an encoded slash in the path is refused by the servlet container itself and forwarded to /error
        HttpResponse<String> response = get("/api/episodes/a%2Fb/transcript");
        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.apache");
    }
}
