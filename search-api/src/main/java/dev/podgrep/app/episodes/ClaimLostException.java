package dev.podgrep.app.episodes;

/**
 * A state change on a claimed episode was refused because the episode changed in between: the claim lapsed and
 * another instance took it over. The work of this instance on that episode must stop; the other one finishes it.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(String episodeId, String holder) {
        super("episode " + episodeId + " was changed by someone else while " + holder
                + " held a claim on it (the claim lapsed and was taken over); this instance stops working on it");
    }
}
