package dev.podgrep.ingest.fetch;

import java.net.UnknownHostException;

/**
 * A connection {@link NetworkGuard} refused: the destination resolves to (or is) an address podgrep does not fetch
 * from (loopback, private, link-local...), or a redirect went from https to http. The message is readable and names
 * only the host and the kind of address, e.g. {@code metadata.internal resolves to a link-local address; podgrep
 * only fetches from public addresses}; it is final, retrying will not help.
 *
 * <p>It is an {@link UnknownHostException} because that is the one checked exception OkHttp's {@code Dns} may throw;
 * the guard throws the same type at connect time and on redirects so that callers have one thing to look for
 * ({@link NetworkGuard#refusalIn(Throwable)}).
 */
public class DestinationRefusedException extends UnknownHostException {

    /**
     * @param reason the readable reason
     */
    public DestinationRefusedException(String reason) {
        super(reason);
    }
}
