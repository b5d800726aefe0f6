package dev.podgrep.app.feeds;

import dev.podgrep.app.web.ConflictException;

/** A feed with this name exists already (answered with 409). */
public class DuplicateFeedException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public DuplicateFeedException(String name) {
        super("Feed exists", "a feed named '" + name + "' exists already; choose another name");
    }
}
