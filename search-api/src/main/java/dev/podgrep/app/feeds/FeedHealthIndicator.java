package dev.podgrep.app.feeds;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code /actuator/health} component {@code feeds}: {@code WARNING} (not DOWN: podgrep still serves) when a feed
 * podgrep ingests has failed for a day or more, i.e. it has not been fetched without error for 24 h and its last
 * fetch failed; details (for callers allowed to see them) name the feeds and their last error.
 */
@Component("feeds")
class FeedHealthIndicator implements HealthIndicator {

    /** Between UP and DOWN: serving, but something needs an operator's attention. */
    static final Status WARNING = new Status("WARNING", "a feed has failed for 24 hours or more");
    static final Duration FAILING_FOR = Duration.ofHours(24);

    private final FeedRegistry feeds;
    private final Clock clock;

    @Autowired
    FeedHealthIndicator(FeedRegistry feeds) {
        this(feeds, Clock.systemUTC());
    }

    FeedHealthIndicator(FeedRegistry feeds, Clock clock) {
        this.feeds = feeds;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<FeedRecord> all;
        try {
            all = feeds.list();
        } catch (RuntimeException elasticsearchAway) {
            // the elasticsearch component says DOWN; the feeds' state is simply not known now
            return Health.unknown().build();
        }
        List<FeedRecord> failing = all.stream().filter(f -> !f.isStopped())
                .filter(f -> "failed".equals(f.lastOutcome()))
                .filter(f -> {
                    Instant since = f.lastSuccessAt() != null ? f.lastSuccessAt() : f.addedAt();
                    return since != null && !since.isAfter(now.minus(FAILING_FOR));
                }).toList();
        if (failing.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder warning = Health.status(WARNING).withDetail("failingFeeds", failing.size());
        failing.forEach(f -> warning.withDetail(f.name(), f.lastError()));
        return warning.build();
    }
}
