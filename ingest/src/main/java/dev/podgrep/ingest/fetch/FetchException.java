package dev.podgrep.ingest.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.OptionalInt;

import javax.net.ssl.SSLException;

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

    /** The standard reason phrases (RFC 9110 and the registered extensions): never the server's own words. */
    private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(305, "Use Proxy"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(417, "Expectation Failed"), Map.entry(421, "Misdirected Request"),
            Map.entry(422, "Unprocessable Content"), Map.entry(423, "Locked"), Map.entry(424, "Failed Dependency"),
            Map.entry(425, "Too Early"), Map.entry(426, "Upgrade Required"), Map.entry(428, "Precondition Required"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(451, "Unavailable For Legal Reasons"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"),
            Map.entry(506, "Variant Also Negotiates"), Map.entry(507, "Insufficient Storage"),
            Map.entry(508, "Loop Detected"), Map.entry(510, "Not Extended"),
            Map.entry(511, "Network Authentication Required"));

    private final String url;
    private final int httpStatus;
    private final boolean retryable;
    private final boolean retryNow;
    private final boolean outOfTime;

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
        this(reason, url, httpStatus, retryable, retryNow, false, cause);
    }

    private FetchException(String reason, String url, int httpStatus, boolean retryable, boolean retryNow,
                           boolean outOfTime, Throwable cause) {
        super(reason, cause);
        this.url = url;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryNow = retryNow;
        this.outOfTime = outOfTime;
    }

    /**
     * Whether the fetch stopped because the caller's time budget (deadline) ran out, not because of anything the
     * server said: the caller decides whether that is the episode's fault.
     */
    public boolean budgetRanOut() {
        return outOfTime;
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
                retryable, false, outOfTime, this);
    }

    /**
     * An HTTP status that is not what was asked for; 408, 425, 429 and 5xx are retried, other codes are final. The
     * reason names the code and its standard phrase only, never the phrase or body the server sent.
     */
    static FetchException forStatus(int code, String url) {
        String phrase = REASON_PHRASES.getOrDefault(code, "");
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
            return new FetchException("too many redirects for " + url, url, 0, false, false, e);
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

    /**
     * The caller's time budget (a deadline) ran out before the fetch could finish: worth trying again on a later run,
     * not now. What was downloaded so far is kept (a later download resumes).
     *
     * @param url   the URL that was being fetched
     * @param cause the failure the budget cut short, or null
     * @return {@code gave up: the time budget for this feed ran out: <url>}, retryable
     */
    public static FetchException outOfTime(String url, Throwable cause) {
        return new FetchException("gave up: the time budget for this feed ran out: " + url, url, 0, true, false, true,
                cause);
    }

    /** A final answer about the content (not audio, too large): retrying will not help. */
    static FetchException refused(String reason, String url) {
        return new FetchException(reason, url, 0, false, false, null);
    }

    /** A failure on this machine (disk full, permissions): worth retrying later, not at once. */
    static FetchException local(String reason, String url, IOException e) {
        return new FetchException(reason + ": " + e.getMessage(), url, 0, true, false, e);
    }

    /**
     * A network failure in podgrep's words: never the exception's message, which may quote what the other end sent
     * (OkHttp's "Unexpected status line: SSH-2.0-OpenSSH..." would turn podgrep into a banner grabber) or the
     * address it resolved to.
     */
    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof InterruptedIOException) {
            return "timed out or interrupted";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect";
        }
        if (e instanceof SSLException) {
            return "the TLS connection failed (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof EOFException || e instanceof ProtocolException
                && String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
            return "the connection closed before the end";
        }
        if (e instanceof ProtocolException) {
            return "the answer is not valid HTTP";
        }
        if (e instanceof SocketException) {
            return "the connection failed (" + e.getClass().getSimpleName() + ")";
        }
        return "network error (" + e.getClass().getSimpleName() + ")";
    }
}
