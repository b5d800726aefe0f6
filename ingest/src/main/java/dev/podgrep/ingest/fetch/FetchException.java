package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A feed or audio fetch that failed. The message is a readable reason meant to be stored on the feed or episode as
 * it is, e.g. {@code HTTP 404 Not Found for https://example.org/a.mp3}, {@code served text/html (an HTML page), not
 * audio: https://...} or {@code download cut at 12345 of 99999 bytes; will resume: https://...}.
 *
 * <p>{@link #retryable()} tells whether trying again later makes sense: true for server errors, rate limiting,
 * network trouble and cut downloads; false for {@code 404}/{@code 410} and other client errors, content that is not
 * audio, and files over the size limit.
 */
public class FetchException extends Exception {

    private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(425, "Too Early"), Map.entry(429, "Too Many Requests"),
            Map.entry(451, "Unavailable For Legal Reasons"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private final String url;
    private final int httpStatus;
    private final boolean retryable;
    private final boolean retryNow;

    /**
     * @param reason     readable reason, including the URL where it helps
     * @param url        the URL that was fetched
     * @param httpStatus the HTTP status that caused the failure, or 0 when there was none
     * @param retryable  whether trying again later makes sense
     * @param cause      the underlying exception, or null
     */
    public FetchException(String reason, String url, int httpStatus, boolean retryable, Throwable cause) {
        this(reason, url, httpStatus, retryable, false, cause);
    }

    private FetchException(String reason, String url, int httpStatus, boolean retryable, boolean retryNow,
                           Throwable cause) {
        super(reason, cause);
        this.url = url;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryNow = retryNow;
    }

    /** @return the readable reason, the same as {@link #getMessage()} */
    public String reason() {
        return getMessage();
    }

    /** @return the URL that was fetched (the one asked for, before redirects) */
    public String url() {
        return url;
    }

    /** @return the HTTP status that caused the failure, if an HTTP answer caused it */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** @return whether trying again later makes sense */
    public boolean retryable() {
        return retryable;
    }

    /** Whether {@link IngestHttpClient} may retry at once, within the same fetch (network, 5xx, cut download). */
    boolean retryNow() {
        return retryNow;
    }

    /** The same failure, its reason extended with how many attempts were made. */
    FetchException afterAttempts(int attempts) {
        if (attempts <= 1) {
            return this;
        }
        return new FetchException(getMessage() + " (gave up after " + attempts + " attempts)", url, httpStatus,
                retryable, false, this);
    }

    /** An HTTP status that is not what was asked for; 408, 425, 429 and 5xx are retried, other codes are final. */
    static FetchException forStatus(int code, String serverPhrase, String url) {
        String phrase = REASON_PHRASES.getOrDefault(code, serverPhrase == null ? "" : serverPhrase.strip());
        boolean transientStatus = isTransientStatus(code);
        return new FetchException("HTTP " + code + (phrase.isEmpty() ? "" : " " + phrase) + " for " + url, url, code,
                transientStatus, transientStatus, null);
    }

    static boolean isTransientStatus(int code) {
        return code == 408 || code == 425 || code == 429 || code >= 500;
    }

    /** A network failure before or while reading a response: retried now and later (a redirect loop: neither). */
    static FetchException network(String url, IOException e) {
        if (e instanceof ProtocolException && String.valueOf(e.getMessage()).startsWith("Too many follow-up")) {
            return new FetchException("too many redirects (" + e.getMessage() + ") for " + url, url, 0, false, false,
                    e);
        }
        return new FetchException(describe(e) + " for " + url, url, 0, true, true, e);
    }

    /** A download cut before the end: what arrived is kept, so the next attempt resumes. */
    static FetchException cut(String url, long have, long total, IOException e) {
        String of = total > 0 ? " of " + total : "";
        return new FetchException("download cut at " + have + of + " bytes (" + describe(e) + "); will resume: " + url,
                url, 0, true, true, e);
    }

    /** Something that can only be retried now (e.g. restart after a server answered the wrong range). */
    static FetchException retryAtOnce(String reason, String url) {
        return new FetchException(reason, url, 0, true, true, null);
    }

    /** A final answer about the content (not audio, too large): retrying will not help. */
    static FetchException refused(String reason, String url) {
        return new FetchException(reason, url, 0, false, false, null);
    }

    /** A failure on this machine (disk full, permissions): worth retrying later, not at once. */
    static FetchException local(String reason, String url, IOException e) {
        return new FetchException(reason + ": " + e.getMessage(), url, 0, true, false, e);
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        if (e instanceof InterruptedIOException) {
            return "timed out or interrupted (" + e.getMessage() + ")";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "cannot connect (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        return "network error " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
