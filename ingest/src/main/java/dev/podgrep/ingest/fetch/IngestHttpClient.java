package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one HTTP client of ingest, shared by {@link FeedFetcher} and {@link AudioDownloader}: an OkHttp client that
 * names podgrep in its {@code User-Agent}, has connect, read and call timeouts, follows redirects (http to https
 * too), and a retry loop that tries again, with exponential backoff, on 5xx, 408, 425, 429 (honouring
 * {@code Retry-After} up to the backoff maximum) and network errors, a bounded number of times.
 *
 * <p>Create one per application and share it (it owns a connection pool); {@link #close()} releases it.
 */
public final class IngestHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestHttpClient.class);

    private final FetchSettings settings;
    private final OkHttpClient feedClient;
    private final OkHttpClient downloadClient;
    private final Backoff backoff;

    /**
     * @param settings user agent, timeouts and retry policy
     */
    public IngestHttpClient(FetchSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** For tests: lets them add what production never needs, such as trust in a test certificate. */
    IngestHttpClient(FetchSettings settings, UnaryOperator<OkHttpClient.Builder> customizer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        String userAgent = settings.userAgent();
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.feedCallTimeout())
                .followRedirects(true)
                .followSslRedirects(true)
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()));
        this.feedClient = customizer.apply(builder).build();
        this.downloadClient = feedClient.newBuilder().callTimeout(settings.downloadCallTimeout()).build();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    }

    /** Makes the request for one attempt; called again before every retry. */
    @FunctionalInterface
    interface Attempt {
        Request request() throws FetchException;
    }

    /** Turns a response that is not a transient failure into a result, or a {@link FetchException}. */
    @FunctionalInterface
    interface ResponseHandler<T> {
        T handle(Response response) throws FetchException;
    }

    /** Which client (and so which call timeout) a fetch uses. */
    enum Purpose { FEED, DOWNLOAD }

    /**
     * Runs a fetch with retries. A 5xx, 408, 425 or 429 answer, a network error, and any {@link FetchException} the
     * handler marks as retryable at once lead to another attempt after a backoff, at most
     * {@link FetchSettings#maxAttempts()} attempts in all; the last failure is then thrown with the attempt count.
     */
    <T> T execute(Purpose purpose, String url, Attempt attempt, ResponseHandler<T> handler) throws FetchException {
        OkHttpClient client = purpose == Purpose.DOWNLOAD ? downloadClient : feedClient;
        int maxAttempts = settings.maxAttempts();
        Duration retryAfter = null;
        for (int n = 1; ; n++) {
            FetchException failure;
            try (Response response = client.newCall(attempt.request()).execute()) {
                if (FetchException.isTransientStatus(response.code())) {
                    failure = FetchException.forStatus(response.code(), response.message(), url);
                    retryAfter = retryAfter(response);
                } else {
                    return handler.handle(response);
                }
            } catch (FetchException e) {
                failure = e;
                retryAfter = null;
            } catch (IOException e) {
                failure = FetchException.network(url, e);
                retryAfter = null;
            }
            if (!failure.retryNow() || n >= maxAttempts) {
                throw failure.afterAttempts(n);
            }
            Duration delay = backoff.delayBefore(n, retryAfter);
            log.info("{}; attempt {} of {} in {} ms", failure.getMessage(), n + 1, maxAttempts, delay.toMillis());
            sleep(delay, url);
        }
    }

    private static void sleep(Duration delay, String url) throws FetchException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while waiting to retry " + url, url, 0, true, e);
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Releases the connection pool and dispatcher threads. */
    @Override
    public void close() {
        feedClient.dispatcher().executorService().shutdown();
        feedClient.connectionPool().evictAll();
    }
}
