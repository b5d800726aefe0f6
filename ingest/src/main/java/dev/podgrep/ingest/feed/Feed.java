package dev.podgrep.ingest.feed;

import java.util.Objects;

/**
 * A podcast feed to ingest, as an operator configures it.
 *
 * @param url      the RSS/Atom URL (http or https)
 * @param name     a short stable name, shown with every hit and part of every episode id
 * @param language the spoken language ({@code en}, {@code ru}); picks the Vosk model
 */
public record Feed(String url, String name, String language) {
    public Feed {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
    }
}
