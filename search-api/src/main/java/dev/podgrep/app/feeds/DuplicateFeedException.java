package dev.podgrep.app.feeds;

/** A feed with this name exists already (answered with 409). */
public class DuplicateFeedException extends RuntimeException {
    public DuplicateFeedException(String name) {
        super("a feed named '" + name + "' exists already; choose another name");
    }
}
