package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one HTTP client of ingest, shared by {@link FeedFetcher} and {@link AudioDownloader}: an OkHttp client that
 * names podgrep in its {@code User-Agent}, has connect, read and call timeouts, follows redirects (http to https
 * too, never https to http), connects only to public addresses unless {@link FetchSettings#allowPrivateNetworks()}
 * ({@link NetworkGuard}: a refusal is a final {@link FetchException}), and a retry loop that tries again, with
 * exponential backoff, on 5xx, 408, 425, 429 (honouring {@code Retry-After} up to the backoff maximum) and network
 * errors, a bounded number of times.
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
        this(settings, NetworkGuard.of(settings.allowPrivateNetworks()), customizer);
    }

    /**
     * For tests: a guard with a test resolver, and what production never needs. The customizer runs after the guard
     * is installed (a test can replace the guard's socket factory to prove the interceptor still refuses).
     */
    IngestHttpClient(FetchSettings settings, NetworkGuard guard, UnaryOperator<OkHttpClient.Builder> customizer) {
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
        guard.install(builder);
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
     *
     * <p>With a deadline, no attempt runs past it (each call's timeout is cut to what is left, reading the body
     * included), no attempt or retry starts after it, and a retryable failure once it has passed becomes
     * {@link FetchException#outOfTime}.
     *
     * @param deadline when to give up, or null for no time budget beyond the client's timeouts
     */
    <T> T execute(Purpose purpose, String url, Instant deadline, Attempt attempt, ResponseHandler<T> handler)
            throws FetchException {
        OkHttpClient client = purpose == Purpose.DOWNLOAD ? downloadClient : feedClient;
        int maxAttempts = settings.maxAttempts();
        Duration retryAfter = null;
        FetchException previous = null;
        for (int n = 1; ; n++) {
            Duration left = deadline == null ? null : Duration.between(Instant.now(), deadline);
            if (left != null && (left.isNegative() || left.isZero())) {
                throw FetchException.outOfTime(url, previous);
            }
            FetchException failure;
            Call call = client.newCall(attempt.request());
            if (left != null) {
                call.timeout().deadline(left.toNanos(), TimeUnit.NANOSECONDS);
            }
            try (Response response = call.execute()) {
                if (FetchException.isTransientStatus(response.code())) {
                    failure = FetchException.forStatus(response.code(), url);
                    retryAfter = retryAfter(response);
                } else {
                    return handler.handle(response);
                }
            } catch (FetchException e) {
                failure = e;
                retryAfter = null;
            } catch (IOException e) {
                failure = NetworkGuard.refusalIn(e)
                        .map(refused -> FetchException.refused(refused.getMessage() + ": " + url, url))
                        .orElseGet(() -> FetchException.network(url, e));
                retryAfter = null;
            }
            if (deadline != null && failure.retryable() && !Instant.now().isBefore(deadline)) {
                throw FetchException.outOfTime(url, failure);
            }
            if (!failure.retryNow() || n >= maxAttempts) {
                throw failure.afterAttempts(n);
            }
            Duration delay = backoff.delayBefore(n, retryAfter);
            if (deadline != null && !Instant.now().plus(delay).isBefore(deadline)) {
                throw FetchException.outOfTime(url, failure);
            }
            previous = failure;
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
