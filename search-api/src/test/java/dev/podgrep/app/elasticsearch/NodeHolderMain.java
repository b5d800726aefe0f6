package dev.podgrep.app.elasticsearch;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LocalElasticsearchTest}: starts a node, prints its pid, and waits to be killed.
 * Arguments: home, node folder.
 */
public final class NodeHolderMain {
    public static void main(String[] args) throws InterruptedException {
        LocalElasticsearch node = LocalElasticsearch.start(LocalElasticsearch.Options.of(Path.of(args[0]),
                Path.of(args[1])));
        System.out.println("NODE-PID " + node.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
