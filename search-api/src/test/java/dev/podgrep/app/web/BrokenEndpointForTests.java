package dev.podgrep.app.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoint (test sources are scanned by the tests' application context, never shipped): an internal bug
 * that throws an {@link IllegalArgumentException}, which must be answered as an internal error, not as bad input.
 */
@RestController
class BrokenEndpointForTests {

    static final String SECRET = "internal detail 7c1e: index podgrep-segments-v1 at 127.0.0.1:9200";

    @GetMapping("/test-only/internal-bug")
    String internalBug() {
        throw new IllegalArgumentException(SECRET);
    }
}
