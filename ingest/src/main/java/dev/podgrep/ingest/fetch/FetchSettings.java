package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How ingest talks HTTP: who it says it is, how long it waits, how often and how patiently it retries.
 *
 * @param userAgent           the {@code User-Agent} of every request
 * @param connectTimeout      TCP/TLS connect timeout
 * @param readTimeout         longest silence while reading a response
 * @param feedCallTimeout     longest a whole feed request may take, redirects and body included
 * @param downloadCallTimeout longest a whole audio request may take (a large file on a slow link takes a while)
 * @param maxAttempts         attempts per fetch, first one included, on 5xx, 408, 429 and network errors (at least 1)
 * @param backoffBase         wait before the second attempt; each later wait doubles, with up to 25% jitter
 * @param backoffMax          longest wait between attempts, also the cap on a server's {@code Retry-After}
 * @param allowPrivateNetworks whether {@link NetworkGuard}'s address rule is off: true lets podgrep fetch from
 *                            loopback, private, link-local... addresses (tests, local setups;
 *                            {@code podgrep.ingest.allow-private-networks}); false (the default) refuses them. Redirects
 *                            from https to http are refused either way.
 */
public record FetchSettings(String userAgent, Duration connectTimeout, Duration readTimeout, Duration feedCallTimeout,
                            Duration downloadCallTimeout, int maxAttempts, Duration backoffBase, Duration backoffMax,
                            boolean allowPrivateNetworks) {

    /** The version of podgrep this jar belongs to, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String PODGREP_VERSION = readVersion();

    /** {@code podgrep/<version> (+https://github.com/podgrep)}. */
    public static final String DEFAULT_USER_AGENT = "podgrep/" + PODGREP_VERSION + " (+https://github.com/podgrep)";

    /**
     * Settings with private networks refused (the default).
     *
     * @param userAgent           the {@code User-Agent} of every request
     * @param connectTimeout      TCP/TLS connect timeout
     * @param readTimeout         longest silence while reading a response
     * @param feedCallTimeout     longest a whole feed request may take
     * @param downloadCallTimeout longest a whole audio request may take
     * @param maxAttempts         attempts per fetch
     * @param backoffBase         wait before the second attempt
     * @param backoffMax          longest wait between attempts
     */
    public FetchSettings(String userAgent, Duration connectTimeout, Duration readTimeout, Duration feedCallTimeout,
                         Duration downloadCallTimeout, int maxAttempts, Duration backoffBase, Duration backoffMax) {
        this(userAgent, connectTimeout, readTimeout, feedCallTimeout, downloadCallTimeout, maxAttempts, backoffBase,
                backoffMax, false);
    }

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(feedCallTimeout, "feedCallTimeout");
        requirePositive(downloadCallTimeout, "downloadCallTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("need 0 <= backoffBase <= backoffMax, was " + backoffBase + " and "
                    + backoffMax);
        }
    }

    /**
     * Settings for production: 15 s to connect, 30 s of silence, 2 min per feed, 60 min per audio file, 4 attempts
     * waiting 1 s, 2 s, 4 s (at most 30 s), public addresses only.
     *
     * @return the defaults
     */
    public static FetchSettings defaults() {
        return new FetchSettings(DEFAULT_USER_AGENT, Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(60), 4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * @param attempts attempts per fetch, at least 1
     * @return these settings with another number of attempts
     */
    public FetchSettings withMaxAttempts(int attempts) {
        return new FetchSettings(userAgent, connectTimeout, readTimeout, feedCallTimeout, downloadCallTimeout,
                attempts, backoffBase, backoffMax, allowPrivateNetworks);
    }

    /**
     * @param base first wait between attempts (tests use a few milliseconds)
     * @param max  longest wait between attempts
     * @return these settings with another backoff
     */
    public FetchSettings withBackoff(Duration base, Duration max) {
        return new FetchSettings(userAgent, connectTimeout, readTimeout, feedCallTimeout, downloadCallTimeout,
                maxAttempts, base, max, allowPrivateNetworks);
    }

    /**
     * @param read   longest silence while reading
     * @param feed   longest whole feed request
     * @param download longest whole audio request
     * @return these settings with other timeouts (connect timeout unchanged)
     */
    public FetchSettings withTimeouts(Duration read, Duration feed, Duration download) {
        return new FetchSettings(userAgent, connectTimeout, read, feed, download, maxAttempts, backoffBase,
                backoffMax, allowPrivateNetworks);
    }

    /**
     * @param allow true to let podgrep fetch from loopback, private, link-local... addresses (tests, local setups)
     * @return these settings with {@link NetworkGuard}'s address rule off ({@code true}) or on
     */
    public FetchSettings withAllowPrivateNetworks(boolean allow) {
        return new FetchSettings(userAgent, connectTimeout, readTimeout, feedCallTimeout, downloadCallTimeout,
                maxAttempts, backoffBase, backoffMax, allow);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = FetchSettings.class.getResourceAsStream("podgrep-version.properties")) {
            if (in == null) {
                return "dev";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read podgrep-version.properties", e);
        }
        String version = properties.getProperty("version", "dev").strip();
        return version.isEmpty() || version.startsWith("@") ? "dev" : version;
    }
}
