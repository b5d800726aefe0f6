package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Where podgrep may connect: a guard against server-side request forgery for every OkHttp client that fetches URLs
 * written by others (feeds, enclosures, transcripts, model downloads). {@link #install} puts it on a client builder.
 *
 * <p><b>The address rule</b> (off when private networks are allowed, for tests and local setups): podgrep connects
 * only to public addresses, never to loopback, link-local (169.254/16 with the cloud metadata service, fe80::/10),
 * private (RFC 1918, fc00::/7, fec0::/10), shared carrier-grade NAT (100.64/10), multicast, unspecified (0.0.0.0,
 * ::) or reserved addresses, nor to IPv6 forms embedding such an IPv4 address (::ffff:10.0.0.1...). It is checked
 * where the connection is made, not on the URL's text, at three points:
 * <ol>
 *   <li>the {@link Dns}: refused addresses are removed from what a host name resolves to; a host left with none is
 *       refused before any connection is attempted;</li>
 *   <li>the socket factory: every TCP connect (also to IP literals, which skip DNS, and on every redirect hop) is
 *       checked against the address it is about to connect to, before connecting;</li>
 *   <li>a network interceptor: the connection's actual remote address is checked before each request (each
 *       redirect hop) is sent, in case a socket factory set after the guard bypassed point 2.</li>
 * </ol>
 *
 * <p><b>The downgrade rule</b> (always on): a redirect from https to http is refused before it is followed
 * (http to https stays allowed).
 *
 * <p>A refusal is a {@link DestinationRefusedException} (an {@code IOException}) thrown by the call; its message
 * names the host and the kind of address only. Install the guard last: a later {@code dns(...)} or
 * {@code socketFactory(...)} on the builder replaces the guard's (the interceptor then still refuses, but only after
 * connecting). Connections through a proxy are judged by the proxy's address.
 */
public final class NetworkGuard {

    private static final Logger log = LoggerFactory.getLogger(NetworkGuard.class);
    private static final String ONLY_PUBLIC = "; podgrep only fetches from public addresses";
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private final boolean allowPrivateNetworks;
    private final Dns resolver;
    private final Set<InetSocketAddress> trustedEndpoints;
    private final Set<InetAddress> trustedAddresses;

    private NetworkGuard(boolean allowPrivateNetworks, Dns resolver, Set<InetSocketAddress> trustedEndpoints) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.trustedEndpoints = Set.copyOf(trustedEndpoints);
        this.trustedAddresses = trustedEndpoints.stream().map(InetSocketAddress::getAddress)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param allowPrivateNetworks true turns the address rule off ({@code podgrep.ingest.allow-private-networks});
     *                             the downgrade rule stays on
     * @return a guard resolving names with the system's DNS
     */
    public static NetworkGuard of(boolean allowPrivateNetworks) {
        return new NetworkGuard(allowPrivateNetworks, Dns.SYSTEM, Set.of());
    }

    /**
     * @return the production guard: public addresses only, no https to http redirects
     */
    public static NetworkGuard publicAddressesOnly() {
        return of(false);
    }

    /**
     * For tests: resolve names with {@code resolver}, and let exactly these endpoints (address and port) through
     * although the address rule would refuse them. The DNS step lets their addresses through for any port; the
     * connect-time checks judge the real address and port, so a redirect to another port of the same loopback
     * address is still refused.
     */
    static NetworkGuard forTests(boolean allowPrivateNetworks, Dns resolver, Set<InetSocketAddress> trustedEndpoints) {
        return new NetworkGuard(allowPrivateNetworks, resolver, trustedEndpoints);
    }

    /** @return whether the address rule is off */
    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Puts the guard on a client: its DNS, its socket factory (both only when the address rule is on) and its
     * network interceptor. Call it after any other {@code dns}/{@code socketFactory} setting.
     *
     * @param builder the builder of the client that will fetch untrusted URLs
     * @return the same builder
     */
    public OkHttpClient.Builder install(OkHttpClient.Builder builder) {
        if (!allowPrivateNetworks) {
            builder.dns(this::lookup).socketFactory(new GuardedSocketFactory());
        }
        return builder.addNetworkInterceptor(this::intercept);
    }

    /**
     * The guard's refusal behind a failed call, if that is why it failed: OkHttp may throw it as it is, as the cause
     * of another exception, or among the suppressed failures of several connection attempts.
     *
     * @param failure what a call threw
     * @return the refusal, empty when the failure has another cause
     */
    public static Optional<DestinationRefusedException> refusalIn(Throwable failure) {
        return find(failure, new IdentityHashMap<>());
    }

    private static Optional<DestinationRefusedException> find(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        if (t instanceof DestinationRefusedException refused) {
            return Optional.of(refused);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            Optional<DestinationRefusedException> found = find(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(t.getCause(), seen);
    }

    private List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> resolved = resolver.lookup(host);
        List<InetAddress> allowed = new ArrayList<>(resolved.size());
        AddressKind refusedKind = null;
        for (InetAddress address : resolved) {
            AddressKind kind = AddressKind.of(address);
            if (kind == AddressKind.PUBLIC || trustedAddresses.contains(address)) {
                allowed.add(address);
            } else if (refusedKind == null) {
                refusedKind = kind;
            }
        }
        if (allowed.isEmpty() && refusedKind != null) {
            throw new DestinationRefusedException(host + " resolves to " + refusedKind.description() + ONLY_PUBLIC);
        }
        if (refusedKind != null) {
            log.info("{} also resolves to {}: not used", host, refusedKind.description());
        }
        return allowed;
    }

    private void checkEndpoint(String host, InetSocketAddress endpoint) throws DestinationRefusedException {
        InetAddress address = endpoint.getAddress();
        if (allowPrivateNetworks || address == null) {
            return;
        }
        AddressKind kind = AddressKind.of(address);
        if (kind != AddressKind.PUBLIC
                && !trustedEndpoints.contains(new InetSocketAddress(address, endpoint.getPort()))) {
            throw refusal(host, address, kind);
        }
    }

    /** "{@code <host> resolves to a private address; ...}", or "{@code <ip> is ...}" for an IP literal. */
    private static DestinationRefusedException refusal(String host, InetAddress address, AddressKind kind) {
        boolean literal = host == null || host.isEmpty() || host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
        String who = literal ? address.getHostAddress() + " is " : host + " resolves to ";
        return new DestinationRefusedException(who + kind.description() + ONLY_PUBLIC);
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        Connection connection = chain.connection();
        if (connection != null && connection.socket().getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            checkEndpoint(url.host(), remote);
        }
        Response response = chain.proceed(chain.request());
        if (url.isHttps() && response.isRedirect()) {
            String location = response.header("Location");
            HttpUrl target = location == null ? null : url.resolve(location);
            if (target != null && !target.isHttps()) {
                response.close();
                throw new DestinationRefusedException(url.host() + " redirected from https to http (" + target.host()
                        + "); podgrep does not follow redirects that drop https");
            }
        }
        return response;
    }

    /** Sockets that check the address they connect to before connecting. */
    private final class GuardedSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new GuardedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(null, new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port) throws IOException {
            return connected(null, new InetSocketAddress(address, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
            Socket socket = new GuardedSocket();
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        }
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress inet) {
                try {
                    checkEndpoint(inet.getHostString(), inet);
                } catch (DestinationRefusedException e) {
                    close();
                    throw e;
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
