package dev.podgrep.app.feeds;

/** A feed to add is not acceptable; the message says which field and why (answered with 400). */
public class InvalidFeedException extends IllegalArgumentException {
    public InvalidFeedException(String message) {
        super(message);
    }
}
