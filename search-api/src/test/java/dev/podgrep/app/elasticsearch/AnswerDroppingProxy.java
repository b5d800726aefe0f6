package dev.podgrep.app.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of an Elasticsearch node that can lose an answer: the request reaches the node,
 * which applies it, and then the connection is cut before the answer gets back, as when a node dies right after
 * applying a write (or the network between podgrep and it breaks just then). Several proxies may share one
 * {@code dropNext} switch: the next answer through any of them is lost, the others pass, like a cluster of which one
 * node died mid-request while the client's retry reaches another.
 */
public final class AnswerDroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final AtomicBoolean dropNext;
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** A proxy to {@code target} whose answers are lost when {@code dropNext} is set (it is cleared then). */
    public AnswerDroppingProxy(URI target, AtomicBoolean dropNext) {
        this.target = target;
        this.dropNext = dropNext;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("answer-dropping-proxy").start(this::accept);
    }

    /** Where clients connect to reach the node through the proxy. */
    public URI address() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Answers lost so far. */
    public int answersDropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket node = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(node);
                Thread.ofPlatform().daemon().start(() -> pipe(client, node, false));
                Thread.ofPlatform().daemon().start(() -> pipe(node, client, true));
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answers && dropNext.compareAndSet(true, false)) {
                    dropped.incrementAndGet();
                    to.setSoLinger(true, 0);   // a reset, not a clean end: the answer never arrives
                    to.close();
                    from.close();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: so is the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(AnswerDroppingProxy::closeQuietly);
    }
}
