package dev.podgrep.app.ingestion;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A podcast host on a real loopback socket (MockWebServer): feeds, audio and transcripts by path, each served by a
 * route that can misbehave; counts every request per path.
 */
public final class PodcastServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public PodcastServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.add(request);
                counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                Function<RecordedRequest, MockResponse> route = routes.get(path);
                return route == null ? new MockResponse.Builder().code(404).body("no route " + path).build()
                        : route.apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return server.url(path).toString();
    }

    public void route(String path, Function<RecordedRequest, MockResponse> route) {
        routes.put(path, route);
    }

    int requests(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    int requestsUnder(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** A feed document with an ETag; answers 304 to a matching If-None-Match. */
    static Function<RecordedRequest, MockResponse> feed(String xml, String etag) {
        return request -> {
            if (etag.equals(request.getHeaders().get("If-None-Match"))) {
                return new MockResponse.Builder().code(304).setHeader("ETag", etag).build();
            }
            return new MockResponse.Builder().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                    .setHeader("ETag", etag).body(xml).build();
        };
    }

    /** A feed document without validators (every fetch gets the whole document). */
    static Function<RecordedRequest, MockResponse> feedWithoutValidators(String xml) {
        return request -> new MockResponse.Builder().setHeader("Content-Type", "application/rss+xml").body(xml)
                .build();
    }

    static Function<RecordedRequest, MockResponse> status(int code) {
        return request -> new MockResponse.Builder().code(code).body("status " + code).build();
    }

    public static Function<RecordedRequest, MockResponse> text(String contentType, String body) {
        return request -> new MockResponse.Builder().setHeader("Content-Type", contentType).body(body).build();
    }

    static Function<RecordedRequest, MockResponse> redirect(String location) {
        return request -> new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    /**
     * Audio that honours {@code Range} as a CDN does: {@code bytes=N-}, {@code bytes=N-M} and suffix ranges with a
     * 206, an unsatisfiable range with a 416.
     */
    public static Function<RecordedRequest, MockResponse> audio(byte[] bytes) {
        return request -> {
            String range = request.getHeaders().get("Range");
            Matcher m = range == null ? null : RANGE.matcher(range.strip());
            if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                return new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
                        .setHeader("Accept-Ranges", "bytes").setHeader("ETag", "\"audio\"")
                        .body(new Buffer().write(bytes)).build();
            }
            long from;
            long to;
            if (m.group(1).isEmpty()) {
                from = Math.max(0, bytes.length - Long.parseLong(m.group(2)));
                to = bytes.length - 1;
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Long.parseLong(m.group(2)));
            }
            if (from >= bytes.length || from > to) {
                return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + bytes.length)
                        .build();
            }
            return new MockResponse.Builder().code(206).setHeader("Content-Type", "audio/mpeg")
                    .setHeader("Accept-Ranges", "bytes").setHeader("ETag", "\"audio\"")
                    .setHeader("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length)
                    .body(new Buffer().write(Arrays.copyOfRange(bytes, (int) from, (int) to + 1))).build();
        };
    }

    /**
     * Audio whose first {@code cutTimes} answers announce the whole file, send only {@code cut} bytes and drop the
     * connection; later requests are served like {@link #audio}.
     */
    static Function<RecordedRequest, MockResponse> audioCut(byte[] bytes, int cut, int cutTimes) {
        AtomicInteger served = new AtomicInteger();
        Function<RecordedRequest, MockResponse> whole = audio(bytes);
        return request -> {
            if (served.getAndIncrement() >= cutTimes) {
                return whole.apply(request);
            }
            return new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").setHeader("ETag", "\"audio\"")
                    .setHeader("Accept-Ranges", "bytes")
                    .body(new Buffer().write(Arrays.copyOf(bytes, cut)))
                    .setHeader("Content-Length", bytes.length)
                    .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
