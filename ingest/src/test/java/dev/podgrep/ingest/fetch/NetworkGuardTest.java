package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import javax.net.SocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import dev.podgrep.ingest.feed.Feed;

/**
 * {@link NetworkGuard} against the real OkHttp client: names mapped to internal addresses by a test resolver are
 * refused before any connection is attempted (an {@link EventListener} records every attempt, and nothing here ever
 * connects anywhere but loopback); redirect hops are judged by the address actually connected to.
 */
class NetworkGuardTest {

    private static final String ONLY_PUBLIC = "; podgrep only fetches from public addresses";

    private final MockWebServer server = new MockWebServer();
    private final List<InetSocketAddress> connectAttempts = new CopyOnWriteArrayList<>();
    private final EventListener recorder = new EventListener() {
        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connectAttempts.add(address);
        }
    };
    private IngestHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        server.close();
    }

    private static InetAddress ip(String host, String literal) throws UnknownHostException {
        return InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress());  // a literal: no lookup
    }

    private static InetAddress ipv6(String host, String literal) throws UnknownHostException {
        byte[] bytes = new byte[16];
        byte[] given = InetAddress.getByName(literal).getAddress();
        if (given.length == 4) {   // Java turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form here
            bytes[10] = (byte) 0xFF;
            bytes[11] = (byte) 0xFF;
            System.arraycopy(given, 0, bytes, 12, 4);
        } else {
            bytes = given;
        }
        return Inet6Address.getByAddress(host, bytes, (NetworkInterface) null);
    }

    private static Dns resolver(Map<String, List<InetAddress>> names) {
        return host -> {
            List<InetAddress> addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
    }

    private IngestHttpClient client(NetworkGuard guard, UnaryOperator<OkHttpClient.Builder> customizer) {
        return new IngestHttpClient(TestHttp.settings(3).withAllowPrivateNetworks(false), guard,
                builder -> customizer.apply(builder.eventListener(recorder)));
    }

    @ParameterizedTest
    @CsvSource({
            "private.test, 10.0.0.5, a private address",
            "metadata.test, 169.254.169.254, a link-local address",
            "loopback.test, 127.0.0.1, a loopback address",
            "mapped.test, ::ffff:10.0.0.1, a private address",
            "ula.test, fd00::1, a private address",
            "zero.test, 0.0.0.0, an unspecified address",
            "multicast.test, 224.0.0.1, a multicast address",
            "cgnat.test, 100.64.0.1, a shared (carrier-grade NAT) address",
            "linklocal6.test, fe80::1, a link-local address",
    })
    void aNameResolvingToAnInternalAddressIsRefusedBeforeAnyConnection(String host, String address, String kind)
            throws Exception {
        InetAddress resolved = address.contains(":") ? ipv6(host, address) : ip(host, address);
        http = client(NetworkGuard.forTests(false, resolver(Map.of(host, List.of(resolved))), Set.of()),
                UnaryOperator.identity());
        String url = "http://" + host + ":8080/feed.xml";

        assertThatThrownBy(() -> new FeedFetcher(http).fetch(new Feed(url, "Probe", "en"), FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(host + " resolves to " + kind + ONLY_PUBLIC + ": " + url);
                    assertThat(e.reason()).as("no address echoed").doesNotContain(address);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.httpStatus()).isEmpty();
                });
        assertThat(connectAttempts).as("no connection attempted").isEmpty();
    }

    @Test
    void theGuardIsTheDefaultAndRefusesLoopbackWithTheSystemResolverToo() {
        server.enqueue(new MockResponse.Builder().body("<rss/>").build());
        http = new IngestHttpClient(TestHttp.settings(3).withAllowPrivateNetworks(false),
                builder -> builder.eventListener(recorder));
        String url = server.url("/feed.xml").toString();

        assertThatThrownBy(() -> new FeedFetcher(http).fetch(new Feed(url, "Local", "en"), FeedValidators.NONE))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                        .isEqualTo(server.getHostName() + " resolves to a loopback address" + ONLY_PUBLIC + ": " + url));
        assertThat(connectAttempts).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anIpLiteralIsRefusedAtTheSocketWithoutConnecting() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            http = client(NetworkGuard.forTests(false, resolver(Map.of()), Set.of()), UnaryOperator.identity());
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/a.mp3";

            assertThatThrownBy(() -> new FeedFetcher(http).fetchDocument(url, 1024))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo("127.0.0.1 is a loopback address" + ONLY_PUBLIC + ": " + url);
                        assertThat(e.retryable()).isFalse();
                    });
            assertNoConnectionArrived(listener);
        }
    }

    @Test
    void aNameWithPublicAndInternalAddressesUsesOnlyTheAllowedOnes() throws Exception {
        InetAddress loopback = ip("mixed.test", "127.0.0.1");
        InetSocketAddress trusted = new InetSocketAddress(loopback, server.getPort());
        http = client(NetworkGuard.forTests(false,
                resolver(Map.of("mixed.test", List.of(ip("mixed.test", "10.0.0.5"), loopback))), Set.of(trusted)),
                UnaryOperator.identity());
        server.enqueue(new MockResponse.Builder().body("ok").build());

        FetchedDocument document = new FeedFetcher(http)
                .fetchDocument("http://mixed.test:" + server.getPort() + "/doc", 1024);

        assertThat(new String(document.body())).isEqualTo("ok");
        assertThat(connectAttempts).extracting(InetSocketAddress::getAddress).containsOnly(loopback);
    }

    @Test
    void aRedirectHopToAnInternalAddressIsRefusedByTheAddressActuallyConnectedTo() throws Exception {
        try (ServerSocket internal = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // podcast.test "is public": only its exact endpoint is trusted; internal.test has the same address but
            // another port, which the connect-time check judges by the real socket address
            InetSocketAddress podcastHost = new InetSocketAddress(ip("podcast.test", "127.0.0.1"), server.getPort());
            http = client(NetworkGuard.forTests(false, resolver(Map.of(
                    "podcast.test", List.of(ip("podcast.test", "127.0.0.1")),
                    "internal.test", List.of(ip("internal.test", "127.0.0.1")))), Set.of(podcastHost)),
                    UnaryOperator.identity());
            server.enqueue(new MockResponse.Builder().code(302)
                    .setHeader("Location", "http://internal.test:" + internal.getLocalPort() + "/admin").build());
            String url = "http://podcast.test:" + server.getPort() + "/episode.mp3";

            assertThatThrownBy(() -> new AudioDownloader(http, java.nio.file.Files.createTempDirectory("guard"))
                    .download("guard-0123456789abcdef", url))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo("internal.test resolves to a loopback address" + ONLY_PUBLIC
                                + ": " + url);
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(server.getRequestCount()).as("the public-looking host was asked").isEqualTo(1);
            assertNoConnectionArrived(internal);
        }
    }

    @Test
    void theNetworkInterceptorStillRefusesWhenTheGuardsSocketFactoryWasReplaced() throws Exception {
        try (MockWebServer internal = new MockWebServer()) {
            internal.start();
            InetSocketAddress podcastHost = new InetSocketAddress(ip("podcast.test", "127.0.0.1"), server.getPort());
            http = client(NetworkGuard.forTests(false, resolver(Map.of(
                    "podcast.test", List.of(ip("podcast.test", "127.0.0.1")),
                    "internal.test", List.of(ip("internal.test", "127.0.0.1")))), Set.of(podcastHost)),
                    builder -> builder.socketFactory(SocketFactory.getDefault()));
            server.enqueue(new MockResponse.Builder().code(301)
                    .setHeader("Location", "http://internal.test:" + internal.getPort() + "/admin").build());
            internal.enqueue(new MockResponse.Builder().body("secret").build());
            String url = "http://podcast.test:" + server.getPort() + "/feed.xml";

            assertThatThrownBy(() -> new FeedFetcher(http).fetchDocument(url, 1024))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason())
                            .isEqualTo("internal.test resolves to a loopback address" + ONLY_PUBLIC + ": " + url));
            assertThat(internal.getRequestCount()).as("no request reached the internal host").isZero();
        }
    }

    @Test
    void otherModulesInstallTheGuardOnTheirOwnClient() throws Exception {
        server.enqueue(new MockResponse.Builder().body("model.zip").build());
        OkHttpClient client = NetworkGuard.publicAddressesOnly().install(new OkHttpClient.Builder()).build();
        Request request = new Request.Builder().url(server.url("/vosk-model.zip")).build();

        try {
            assertThatThrownBy(() -> client.newCall(request).execute().close())
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(NetworkGuard.refusalIn(e)).get()
                            .extracting(Throwable::getMessage)
                            .isEqualTo(server.getHostName() + " resolves to a loopback address" + ONLY_PUBLIC));
            assertThat(server.getRequestCount()).isZero();
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Test
    void allowingPrivateNetworksTurnsTheAddressRuleOff() throws Exception {
        server.enqueue(new MockResponse.Builder().body("local").build());
        OkHttpClient client = NetworkGuard.of(true).install(new OkHttpClient.Builder()).build();

        try (var response = client.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("local");
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, PUBLIC", "93.184.216.34, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC",
            "2606:4700::1111, PUBLIC", "10.0.0.5, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE", "fd00::1, PRIVATE", "fc00::1, PRIVATE", "fec0::1, PRIVATE",
            "127.0.0.1, LOOPBACK", "127.255.0.1, LOOPBACK", "::1, LOOPBACK", "169.254.169.254, LINK_LOCAL",
            "fe80::1, LINK_LOCAL", "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
            "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST", "100.64.0.1, SHARED",
            "100.127.255.254, SHARED", "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "198.18.0.1, RESERVED",
            "::ffff:10.0.0.1, PRIVATE", "::ffff:169.254.169.254, LINK_LOCAL", "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:8.8.8.8, PUBLIC", "::10.0.0.1, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "2002:0a00:0005::1, PRIVATE", "2002:0808:0808::1, PUBLIC",
    })
    void classifiesAddresses(String literal, AddressKind kind) throws Exception {
        InetAddress address = literal.startsWith("::ffff:") ? ipv6(null, literal) : InetAddress.getByName(literal);

        assertThat(AddressKind.of(address)).isEqualTo(kind);
    }

    /** The listener's backlog holds no connection: nothing connected to it (accepting would otherwise succeed). */
    private static void assertNoConnectionArrived(ServerSocket listener) throws IOException {
        listener.setSoTimeout(300);
        assertThatThrownBy(listener::accept).as("a TCP connection reached the refused address")
                .isInstanceOf(SocketTimeoutException.class);
    }
}
