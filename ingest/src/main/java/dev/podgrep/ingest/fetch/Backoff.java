package dev.podgrep.ingest.fetch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts: base, 2×base, 4×base... at most max, each with up to 25% random jitter added. */
final class Backoff {

    private final Duration base;
    private final Duration max;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /**
     * @param retry      1 for the wait before the second attempt, 2 before the third...
     * @param retryAfter what the server asked for ({@code Retry-After}), or null
     * @return how long to wait, never more than max
     */
    Duration delayBefore(int retry, Duration retryAfter) {
        long baseNanos = base.toNanos();
        long exponential = retry >= 62 || baseNanos > (Long.MAX_VALUE >> (retry - 1))
                ? Long.MAX_VALUE : baseNanos << (retry - 1);
        long jitter = (long) (Math.min(exponential, max.toNanos()) * 0.25 * ThreadLocalRandom.current().nextDouble());
        long wanted = Math.max(saturatedAdd(exponential, jitter), retryAfter == null ? 0 : retryAfter.toNanos());
        return Duration.ofNanos(Math.min(wanted, max.toNanos()));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
