package dev.podgrep.app.segments;

/** Elasticsearch refused to store a transcript; the message names the episode and ES's reason. */
public class IndexingException extends RuntimeException {
    public IndexingException(String message) {
        super(message);
    }
}
