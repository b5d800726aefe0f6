package dev.podgrep.app.episodes;

import java.time.Instant;

/**
 * Who works on an episode now, as stored with it: the instance that claimed it and when the claim lapses (its
 * holder is presumed dead after that and another instance may take the episode over).
 *
 * @param holder    the claiming instance's id (host/pid/random)
 * @param expiresAt when the claim lapses unless renewed
 */
public record Claim(String holder, Instant expiresAt) {

    /** Whether the claim still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt != null && expiresAt.isAfter(now);
    }
}
