package dev.podgrep.ingest.fetch;

import java.time.Duration;

/**
 * Fetch settings for tests: real sockets on loopback (so private networks are allowed: the guard's address rule is
 * tested on its own in {@link NetworkGuardTest}), backoff and timeouts short enough for a fast suite.
 */
final class TestHttp {

    private TestHttp() {
    }

    static FetchSettings settings(int maxAttempts) {
        return FetchSettings.defaults()
                .withMaxAttempts(maxAttempts)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withAllowPrivateNetworks(true);
    }
}
