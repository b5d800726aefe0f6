package dev.podgrep.app.pages;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A podcast host on a loopback socket (MockWebServer) for the pages' tests: feeds, transcripts and audio by path.
 * Audio answers HTTP range requests ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) with 206 and
 * {@code Content-Range}, as podcast CDNs do: a browser's {@code <audio>} can only seek on such a server.
 */
final class PodcastHost implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    PodcastHost() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
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

    String url(String path) {
        return server.url(path).toString();
    }

    void route(String path, Function<RecordedRequest, MockResponse> route) {
        routes.put(path, route);
    }

    int requests(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    static Function<RecordedRequest, MockResponse> text(String contentType, String body) {
        return request -> new MockResponse.Builder().setHeader("Content-Type", contentType).body(body).build();
    }

    /** Audio with range support. */
    static Function<RecordedRequest, MockResponse> audio(byte[] bytes) {
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
