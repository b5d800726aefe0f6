package dev.podgrep.app.elasticsearch;

/** The local Elasticsearch node could not be started or used; the message says why and what to do. */
public class LocalElasticsearchException extends RuntimeException {
    public LocalElasticsearchException(String message) {
        super(message);
    }

    public LocalElasticsearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
