package dev.podgrep.app.elasticsearch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Elasticsearch node (the server jars from Maven Central, assembled by the {@code elasticsearch-home}
 * module) running as a child JVM on loopback. The single owner of that process: {@link #close()} stops it.
 *
 * <p>Protocol (the one ES's own {@code bin/elasticsearch} CLI uses): the launcher writes a serialized
 * {@code ServerArgs} to the child's stdin; the child prints U+0018 on stderr when it is ready and writes its
 * bound HTTP address to {@code <logs>/http.ports}; writing U+001B to its stdin stops it cleanly; EOF on its
 * stdin (the parent died, even by {@code kill -9}) makes it exit too, so the node never outlives its parent.
 *
 * <p>Node folders: {@code <nodeDir>/data} (indices; survives restarts), {@code <nodeDir>/logs},
 * {@code <nodeDir>/tmp}. The home folder is only read, so one home serves many nodes.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final char READY_MARKER = '\u0018';
    private static final int SHUTDOWN_MARKER = 0x1B;
    private static final int OUTPUT_LINES_KEPT = 60;
    /**
     * Warnings every node built from Maven Central prints (no native libraries, development-mode bootstrap
     * checks, the patched bridge module): expected, explained in the README, logged at debug only.
     */
    private static final List<String> EXPECTED_WARNINGS = List.of("[o.e.n.NativeAccess", "VectorizationProvider]",
            "[o.e.b.BootstrapChecks", "module-info.class ignored in patch");

    /**
     * C2 compiles a method only after 10x the default invocations/back-edges. Most methods that are hot while the
     * node starts are hot only then (settings parsing, module and class set-up, instrumentation); compiling them
     * with C2 cost about a third of the node's start CPU on 2 cores (12-16 s → 9 s measured, see
     * docs/benchmarks.md). Code that stays hot (queries, indexing) still reaches C2, a little later.
     * (The JDK's AOT cache / CDS cannot help the node: the JVM refuses it when java.base is patched, and the
     * entitlement bridge must patch java.base.)
     */
    static final List<String> STARTUP_JIT_OPTIONS = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=60000",
            "-XX:Tier4BackEdgeThreshold=400000");

    /** Only the user may read the node's folders: they hold every transcript and podgrep's state. */
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    /**
     * How to start a node.
     *
     * @param home         the assembled Elasticsearch home (lib/, modules/, config/)
     * @param nodeDir      where this node keeps data, logs and temp files
     * @param java         the {@code java} executable (21+) to run the node with
     * @param heap         heap size, e.g. {@code 512m}
     * @param httpPort     HTTP port, 0 for any free port
     * @param clusterName  cluster name
     * @param startTimeout how long to wait for readiness
     * @param jvmOptions   more options for the node's JVM, after podgrep's own
     * @param nodeSettings more node settings, over podgrep's own and {@code config/elasticsearch.yml}: empty for
     *                     podgrep's single node; a node of a cluster (tests) sets {@code node.name},
     *                     {@code node.roles}, {@code discovery.type: multi-node}, {@code discovery.seed_hosts},
     *                     {@code cluster.initial_master_nodes}, {@code transport.port}
     */
    public record Options(Path home, Path nodeDir, Path java, String heap, int httpPort, String clusterName,
                          Duration startTimeout, List<String> jvmOptions, Map<String, String> nodeSettings) {
        public Options {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(nodeDir, "nodeDir");
            Objects.requireNonNull(java, "java");
            heap = heap == null || heap.isBlank() ? "512m" : heap;
            clusterName = clusterName == null || clusterName.isBlank() ? "podgrep-local" : clusterName;
            startTimeout = startTimeout == null ? Duration.ofSeconds(120) : startTimeout;
            jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
            nodeSettings = nodeSettings == null ? Map.of() : Map.copyOf(nodeSettings);
        }

        public Options(Path home, Path nodeDir, Path java, String heap, int httpPort, String clusterName,
                       Duration startTimeout, List<String> jvmOptions) {
            this(home, nodeDir, java, heap, httpPort, clusterName, startTimeout, jvmOptions, Map.of());
        }

        public Options(Path home, Path nodeDir, Path java, String heap, int httpPort, String clusterName,
                       Duration startTimeout) {
            this(home, nodeDir, java, heap, httpPort, clusterName, startTimeout, List.of(), Map.of());
        }

        /** The same options with another HTTP port (a restart keeps the port its clients know). */
        public Options withHttpPort(int port) {
            return new Options(home, nodeDir, java, heap, port, clusterName, startTimeout, jvmOptions, nodeSettings);
        }

        /** The same options with these node settings (see {@link #nodeSettings()}) instead. */
        public Options withNodeSettings(Map<String, String> settings) {
            return new Options(home, nodeDir, java, heap, httpPort, clusterName, startTimeout, jvmOptions, settings);
        }

        public static Options of(Path home, Path nodeDir) {
            return new Options(home, nodeDir, JavaRuntime.forElasticsearch(null), "512m", 0, null, null);
        }
    }

    private final Process process;
    private final URI httpAddress;
    private final OutputStream stdin;
    private final Deque<String> recentOutput;
    private final CompletableFuture<LocalElasticsearch> exited = new CompletableFuture<>();
    private volatile boolean closed;

    private LocalElasticsearch(Process process, URI httpAddress, OutputStream stdin, Deque<String> recentOutput) {
        this.process = process;
        this.httpAddress = httpAddress;
        this.stdin = stdin;
        this.recentOutput = recentOutput;
        // A thread of its own waits for the process: Process.onExit() completes on the JVM's common pool, which has a
        // single worker on 2 cores, so any task blocking there (a library's, a test's) delayed noticing a dead node
        // by as long as it blocked (measured: 10 s, long enough for ingestion's downloads to time out meanwhile).
        Thread.ofPlatform().daemon().name("elasticsearch-exit-" + process.pid()).start(() -> {
            boolean interrupted = false;
            while (true) {
                try {
                    process.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;   // nobody interrupts this thread; keep waiting for the process regardless
                }
            }
            exited.complete(this);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts a node and waits until it answers; throws {@link LocalElasticsearchException} saying why not. */
    public static LocalElasticsearch start(Options options) {
        Path home = options.home().toAbsolutePath().normalize();
        checkHome(home);
        Path nodeDir = options.nodeDir().toAbsolutePath().normalize();
        Path data = nodeDir.resolve("data");
        Path logs = nodeDir.resolve("logs");
        Path tmp = nodeDir.resolve("tmp");
        try {
            for (Path dir : List.of(nodeDir, data, logs, tmp)) {
                createPrivateDirectory(dir);
            }
            Files.deleteIfExists(logs.resolve("http.ports"));
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot create the node folders under " + nodeDir + ": " + e, e);
        }

        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of(
                "path.home", home.toString(),
                "path.data", data.toString(),
                "path.logs", logs.toString(),
                "cluster.name", options.clusterName(),
                "node.name", "podgrep-node",
                "http.port", options.httpPort() == 0 ? "0" : Integer.toString(options.httpPort()),
                "transport.port", "0"));
        settings.putAll(options.nodeSettings());
        byte[] serverArgs = serverArgs(home, settings);

        List<String> command = command(options, home, tmp);
        ProcessBuilder builder = new ProcessBuilder(command).directory(nodeDir.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().put("LIBFFI_TMPDIR", tmp.toString());
        builder.environment().put("ES_TMPDIR", tmp.toString());

        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot start " + options.java() + ": " + e.getMessage(), e);
        }
        Deque<String> recent = new ArrayDeque<>();
        CountDownLatch ready = new CountDownLatch(1);
        pump(process.getInputStream(), "elasticsearch-stdout", recent, null);
        pump(process.getErrorStream(), "elasticsearch-stderr", recent, ready);
        OutputStream stdin = process.getOutputStream();
        try {
            stdin.write(serverArgs);
            stdin.flush();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new LocalElasticsearchException("the Elasticsearch process died before reading its arguments: "
                    + lastLines(recent), e);
        }

        try {
            long deadline = System.nanoTime() + options.startTimeout().toNanos();
            while (!ready.await(200, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new LocalElasticsearchException("Elasticsearch exited with code " + process.exitValue()
                            + " while starting (home " + home + ", data " + data + "). Last output:\n"
                            + lastLines(recent));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new LocalElasticsearchException("Elasticsearch was not ready after "
                            + options.startTimeout().toSeconds() + " s. Last output:\n" + lastLines(recent));
                }
            }
            URI address = readHttpAddress(logs.resolve("http.ports"), process);
            awaitShards(address, deadline, process, recent);
            log.info("Local Elasticsearch ready at {} (pid {}, data {}) in {} ms", address, process.pid(), data,
                    (System.nanoTime() - started) / 1_000_000);
            return new LocalElasticsearch(process, address, stdin, recent);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalElasticsearchException("interrupted while waiting for Elasticsearch", e);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:38215}. */
    public URI httpAddress() {
        return httpAddress;
    }

    /** The node's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Completes when the node's process has ended, for whatever reason (stopped, crashed, killed), at once and on a
     * thread that watches only this process: dependent actions run there (keep them short) unless added later.
     */
    public CompletableFuture<LocalElasticsearch> onExit() {
        return exited.copy();
    }

    /** The exit code once the process has ended; -1 while it runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** True once {@link #close()} was called: an exit after that is a stop, not a crash. */
    public boolean closing() {
        return closed;
    }

    /** The node's last lines of output (for error messages when it died). */
    public String recentOutput() {
        return lastLines(recentOutput);
    }

    /** Stops the node cleanly (shutdown marker on stdin), forcibly after 30 s. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stdin.write(SHUTDOWN_MARKER);
            stdin.flush();
            stdin.close();
        } catch (IOException e) {
            log.debug("Elasticsearch stdin already closed: {}", e.toString());
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Elasticsearch (pid {}) did not stop within 30 s; killing it", process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            } else {
                log.info("Local Elasticsearch (pid {}) stopped, exit code {}", process.pid(), process.exitValue());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates {@code dir} (and missing parents) readable by the user only, and makes an existing one private too:
     * the node's data is every transcript and all of podgrep's state.
     */
    static void createPrivateDirectory(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix && !Files.getPosixFilePermissions(dir).equals(PRIVATE)) {
            Files.setPosixFilePermissions(dir, PRIVATE); // the umask may have widened a new one; old ones were 0755
        }
    }

    private static void checkHome(Path home) {
        List<String> missing = new ArrayList<>();
        for (String required : List.of("lib", "lib/entitlement-bridge", "lib/entitlement-agent",
                "lib/tools/ansi-console", "modules/transport-netty4", "config/elasticsearch.yml")) {
            if (!Files.exists(home.resolve(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalElasticsearchException("the Elasticsearch home " + home + " is incomplete (missing "
                    + String.join(", ", missing) + "). Build it with the README's build command "
                    + "(it is assembled next to podgrep.jar), set podgrep.elasticsearch.home to it, "
                    + "or set podgrep.elasticsearch.url to use an external cluster.");
        }
    }

    private static List<String> command(Options options, Path home, Path tmp) {
        Path bridge = singleJar(home.resolve("lib/entitlement-bridge"));
        List<String> command = new ArrayList<>(List.of(
                options.java().toString(),
                "-Xms" + options.heap(), "-Xmx" + options.heap(), "-Xss1m", "-XX:+UseSerialGC",
                "-XX:-OmitStackTraceInFastThrow",
                "-Des.networkaddress.cache.ttl=60", "-Des.networkaddress.cache.negative.ttl=10",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Djava.locale.providers=CLDR",
                "-Dio.netty.noUnsafe=true", "-Dio.netty.noKeySetOptimization=true",
                "-Dio.netty.recycler.maxCapacityPerThread=0",
                "-Dlog4j.shutdownHookEnabled=false", "-Dlog4j2.disable.jmx=true", "-Dlog4j2.formatMsgNoLookups=true",
                "-Des.path.home=" + home, "-Des.distribution.type=tar", "-Djava.io.tmpdir=" + tmp,
                "--add-opens=org.apache.lucene.core/org.apache.lucene.internal.vectorization=org.elasticsearch.server",
                "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
                "--patch-module=java.base=" + bridge,
                "--add-exports=java.base/org.elasticsearch.entitlement.bridge="
                        + "org.elasticsearch.entitlement,java.logging,java.net.http,java.naming,jdk.net",
                "--enable-native-access=org.elasticsearch.nativeaccess,org.apache.lucene.core",
                "--module-path", home.resolve("lib").toString(),
                "--add-modules=jdk.net", "--add-modules=ALL-MODULE-PATH"));
        command.addAll(STARTUP_JIT_OPTIONS);
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-m", "org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch"));
        return command;
    }

    private static Path singleJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new LocalElasticsearchException("no jar in " + dir));
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot list " + dir + ": " + e, e);
        }
    }

    /**
     * Serializes {@code org.elasticsearch.bootstrap.ServerArgs} with ES's own classes, loaded from the home's
     * lib folder in a throw-away class loader, so that podgrep's classpath holds no ES server types.
     *
     * <p>One at a time (two nodes started at once, as a test of a cluster does): ES's class loading opens its jars as
     * zip file systems, which the JVM registers once per jar, so a second loader doing it meanwhile failed with
     * {@code FileSystemAlreadyExistsException}.
     */
    private static synchronized byte[] serverArgs(Path home, Map<String, String> settings) {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot read " + home.resolve("lib") + ": " + e, e);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader es = new URLClassLoader("elasticsearch-args", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(es);
            Class<?> settingsClass = es.loadClass("org.elasticsearch.common.settings.Settings");
            Object builder = settingsClass.getMethod("builder").invoke(null);
            for (Map.Entry<String, String> e : settings.entrySet()) {
                builder = builder.getClass().getMethod("put", String.class, String.class)
                        .invoke(builder, e.getKey(), e.getValue());
            }
            Object input = builder.getClass().getMethod("build").invoke(builder);
            Class<?> preparer = es.loadClass("org.elasticsearch.node.InternalSettingsPreparer");
            Supplier<String> nodeName = () -> "podgrep-node";
            Object env = preparer.getMethod("prepareEnvironment", settingsClass, Map.class, Path.class,
                    Supplier.class).invoke(null, input, Map.of(), home.resolve("config"), nodeName);
            Object secrets = es.loadClass("org.elasticsearch.common.settings.KeyStoreWrapper")
                    .getMethod("create").invoke(null);
            Class<?> serverArgsClass = es.loadClass("org.elasticsearch.bootstrap.ServerArgs");
            Constructor<?> ctor = serverArgsClass.getConstructor(boolean.class, boolean.class, Path.class,
                    es.loadClass("org.elasticsearch.common.settings.SecureSettings"), settingsClass, Path.class,
                    Path.class);
            Object args = ctor.newInstance(false, false, null, secrets,
                    env.getClass().getMethod("settings").invoke(env),
                    env.getClass().getMethod("configDir").invoke(env),
                    env.getClass().getMethod("logsDir").invoke(env));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Class<?> streamOutput = es.loadClass("org.elasticsearch.common.io.stream.StreamOutput");
            Object out = es.loadClass("org.elasticsearch.common.io.stream.OutputStreamStreamOutput")
                    .getConstructor(OutputStream.class).newInstance(bytes);
            serverArgsClass.getMethod("writeTo", streamOutput).invoke(args, out);
            out.getClass().getMethod("flush").invoke(out);
            return bytes.toByteArray();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new LocalElasticsearchException("cannot prepare the Elasticsearch arguments from " + home
                    + "/lib (is it the 9.x home podgrep builds?): " + cause, cause);
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot prepare the Elasticsearch arguments: " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void pump(InputStream stream, String name, Deque<String> recent, CountDownLatch ready) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (ready != null && line.indexOf(READY_MARKER) >= 0) {
                        ready.countDown();
                        line = line.replace(String.valueOf(READY_MARKER), "");
                        if (line.isBlank()) {
                            continue;
                        }
                    }
                    synchronized (recent) {
                        recent.addLast(line);
                        if (recent.size() > OUTPUT_LINES_KEPT) {
                            recent.removeFirst();
                        }
                    }
                    log.debug("[es] {}", line);
                    if (EXPECTED_WARNINGS.stream().anyMatch(line::contains)) {
                        continue;
                    }
                    if (line.contains("][WARN ") || line.contains("][ERROR")) {
                        log.warn("[es] {}", line);
                    } else if (line.contains("][INFO ")) {
                        log.info("[es] {}", line);
                    }
                }
            } catch (IOException e) {
                log.debug("{} closed: {}", name, e.toString());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String lastLines(Deque<String> recent) {
        synchronized (recent) {
            return String.join("\n", recent);
        }
    }

    /**
     * Waits until the primaries of existing indices are assigned (cluster health yellow or better): after a
     * restart on old data the node is "ready" before its shards are, and the first requests would get 503.
     */
    private static void awaitShards(URI address, long deadline, Process process, Deque<String> recent)
            throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        address.resolve("/_cluster/health?wait_for_status=yellow&timeout=10s"))
                .timeout(Duration.ofSeconds(20)).build();
        String last = "";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                java.net.http.HttpResponse<String> response = http.send(request,
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new LocalElasticsearchException("Elasticsearch started but its shards did not become available ("
                + last + "). Last output:\n" + lastLines(recent));
    }

    private static URI readHttpAddress(Path portsFile, Process process) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (Files.exists(portsFile)) {
                    List<String> lines = Files.readAllLines(portsFile).stream().map(String::strip)
                            .filter(s -> !s.isEmpty()).toList();
                    if (!lines.isEmpty()) {
                        String first = lines.stream().filter(s -> !s.startsWith("[")).findFirst()
                                .orElse(lines.getFirst());
                        return URI.create("http://" + first);
                    }
                }
            } catch (IOException e) {
                // written by the node while we read; try again
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new LocalElasticsearchException("Elasticsearch is running but wrote no address to " + portsFile);
    }
}
