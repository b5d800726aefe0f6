package dev.podgrep.app.ingestion;

import dev.podgrep.ingest.feed.Feed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A podgrep ingestion instance in its own JVM, for {@link KilledInstanceTakeoverTest}: wired like the application on
 * the given Elasticsearch, it prints its pid and instance id, runs once, and prints when it is done (unless it is
 * killed first). Arguments: Elasticsearch URL, index prefix, data dir, feed URL, feed name, model dir, claim timeout
 * in milliseconds.
 */
public final class IngestionInstanceMain {

    public static void main(String[] args) {
        var client = IngestionFixture.clientOf(args[0]);
        try (IngestionFixture instance = new IngestionFixture(client, args[1], Path.of(args[2]),
                List.of(new Feed(args[3], args[4], "en")), IngestionFixture.model("en", Path.of(args[5])),
                Duration.ofMillis(Long.parseLong(args[6])), Duration.ofMillis(200), 0, client, Duration.ofMinutes(10))) {
            System.out.println("INSTANCE " + ProcessHandle.current().pid() + " " + instance.ingestion.instanceId());
            System.out.flush();
            RunSummary run = instance.run();
            System.out.println("RUN-DONE indexed=" + run.episodesIndexed());
            System.out.flush();
        }
        System.exit(0);
    }
}
