package dev.podgrep.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 15's startup benchmark (prints figures; not a test). Runs the packaged jar as a user does,
 * {@code java -jar search-api/target/podgrep.jar --podgrep.ingest.on-startup=false}, N times with a fresh data dir
 * and N times with an existing one (made by one unmeasured start first), and reports min/median/max of
 * "process start → {@code /actuator/health} UP" (polled every 25 ms) and of the steps on the way, read from the
 * lines the application logs, each stamped with the time the benchmark read it:
 * <ul>
 *   <li>{@code spring run}: the first line of Spring Boot ("Starting PodgrepApplication": JVM + jar launcher);</li>
 *   <li>{@code node start}: podgrep asks for the local node ("Starting the local Elasticsearch node");</li>
 *   <li>{@code node ready}: "Local Elasticsearch ready … in N ms" (N: the node's own start, child JVM → shards);</li>
 *   <li>{@code indices ready}: the last index created or found ("Created index …" / "Indices ready …");</li>
 *   <li>{@code started}: "Started PodgrepApplication" (the Spring context, Tomcat listening);</li>
 *   <li>{@code health UP}: the first 200 UP answer of {@code /actuator/health}.</li>
 * </ul>
 * Also the CPU seconds each process used until UP (utime + stime from /proc): on 2 cores their sum / 2 is a
 * floor under the wall time whatever overlaps. Each start is stopped with SIGTERM; its node must be gone after.
 *
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl search-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podgrep.app.bench.StartupBenchmark [-Dexec.args="5"]
 * </pre>
 * Arguments: runs per mode (default 5); {@code --jar=<path>} (repeatable) to compare jars in one interleaved run
 * (default: the built podgrep.jar); anything else is passed to the application. Run it from the repository root
 * (a jar outside search-api/target finds the node's home there).
 */
public final class StartupBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern NODE_OWN_MS = Pattern.compile("Local Elasticsearch ready .* in (\\d+) ms");
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    /** Milestones, in the order they are printed. */
    private static final List<String> MILESTONES = List.of("spring run", "node start", "node ready",
            "indices ready", "started", "health UP");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Path> jars = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String arg : args.length > 1 ? List.of(args).subList(1, args.length) : List.<String>of()) {
            if (arg.startsWith("--jar=")) {
                jars.add(Path.of(arg.substring("--jar=".length())).toAbsolutePath());
            } else {
                extra.add(arg);
            }
        }
        if (jars.isEmpty()) {
            jars.add(Stream.of(Path.of("search-api/target/podgrep.jar"), Path.of("target/podgrep.jar"))
                    .filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath)
                    .orElseThrow(() -> new IllegalStateException("no podgrep.jar: build it first (mvn -DskipTests package)")));
        }
        Path work = Files.createTempDirectory("podgrep-startup-bench");
        System.out.printf(Locale.ROOT, "podgrep startup benchmark: %s, %d runs per mode, java %s, %d cores, "
                + "extra args %s%n", jars, runs, Runtime.version(), Runtime.getRuntime().availableProcessors(), extra);

        Map<String, List<Run>> results = new LinkedHashMap<>();
        List<Path> existing = new ArrayList<>();
        for (int j = 0; j < jars.size(); j++) {
            Path dir = work.resolve("existing-" + j);
            existing.add(dir);
            System.out.println("preparing the existing data dir for " + jars.get(j) + " (one unmeasured start) ...");
            Run prepared = run(jars.get(j), dir, extra, work.resolve("prepare-" + j + ".log"));
            System.out.printf(Locale.ROOT, "  prepared (UP after %.2f s)%n", prepared.seconds("health UP"));
            results.put(label(jars, j, "fresh data dir"), new ArrayList<>());
            results.put(label(jars, j, "existing data dir"), new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) { // interleaved, so that load from others hits every jar and mode alike
            for (int j = 0; j < jars.size(); j++) {
                Path fresh = work.resolve("fresh-" + j + "-" + i);
                results.get(label(jars, j, "fresh data dir")).add(report("fresh", j, i,
                        run(jars.get(j), fresh, extra, work.resolve("fresh-" + j + "-" + i + ".log"))));
                deleteTree(fresh);
            }
            for (int j = 0; j < jars.size(); j++) {
                results.get(label(jars, j, "existing data dir")).add(report("existing", j, i,
                        run(jars.get(j), existing.get(j), extra, work.resolve("existing-" + j + "-" + i + ".log"))));
            }
        }

        for (Map.Entry<String, List<Run>> mode : results.entrySet()) {
            List<Run> list = mode.getValue();
            System.out.printf(Locale.ROOT, "%n%s, %d runs: seconds after `java -jar` (min / median / max)%n",
                    mode.getKey(), list.size());
            for (String m : MILESTONES) {
                System.out.printf(Locale.ROOT, "  %-28s %s%n", m, stats(list.stream().map(r -> r.seconds(m)).toList()));
            }
            System.out.printf(Locale.ROOT, "  %-28s %s%n", "node's own start (its log)",
                    stats(list.stream().map(r -> r.nodeOwnMs / 1000.0).toList()));
            System.out.printf(Locale.ROOT, "  %-28s %s%n", "index bootstrap (ready→ready)",
                    stats(list.stream().map(r -> r.seconds("indices ready") - r.seconds("node ready")).toList()));
            System.out.printf(Locale.ROOT, "  %-28s %s%n", "podgrep JVM CPU until UP",
                    stats(list.stream().map(r -> r.appCpu).toList()));
            System.out.printf(Locale.ROOT, "  %-28s %s%n", "node JVM CPU until UP",
                    stats(list.stream().map(r -> r.nodeCpu).toList()));
            System.out.printf(Locale.ROOT, "  %-28s %s%n", "load average (1 min) at start",
                    stats(list.stream().map(r -> r.loadBefore).toList()));
        }
        deleteTree(work);
    }

    private static String label(List<Path> jars, int j, String mode) {
        return jars.size() == 1 ? mode : jars.get(j).getFileName() + ", " + mode;
    }

    private static Run report(String mode, int jar, int i, Run r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  jar %d %-8s #%d:", jar + 1, mode, i + 1));
        for (String m : MILESTONES) {
            line.append(String.format(Locale.ROOT, " %s %.2f", m, r.seconds(m)));
        }
        line.append(String.format(Locale.ROOT, " | node own %.2f, CPU app %.1f node %.1f, load %.2f",
                r.nodeOwnMs / 1000.0, r.appCpu, r.nodeCpu, r.loadBefore));
        System.out.println(line);
        return r;
    }

    /** One start: milestones in seconds after the process was started. */
    private static final class Run {
        final Map<String, Double> at = new ConcurrentHashMap<>();
        volatile long nodeOwnMs = -1;
        double appCpu;
        double nodeCpu;
        double loadBefore;

        double seconds(String milestone) {
            return at.getOrDefault(milestone, Double.NaN);
        }
    }

    private static Run run(Path jar, Path dataDir, List<String> extra, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--podgrep.ingest.on-startup=false", "--server.port=" + port,
                "--podgrep.data-dir=" + dataDir, "--podgrep.ingest.cron=-"));
        command.addAll(extra);
        Run run = new Run();
        run.loadBefore = loadAverage();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long t0 = System.nanoTime();
        Process app = builder.start();
        Thread reader = new Thread(() -> readLog(app, t0, run, log), "startup-bench-log");
        reader.setDaemon(true);
        reader.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
            while (true) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("the application exited while starting; log: " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not UP after 300 s; log: " + log);
                }
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                        run.at.put("health UP", (System.nanoTime() - t0) / 1e9);
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(25);
            }
            run.appCpu = cpuSeconds(app.toHandle());
            run.nodeCpu = app.descendants().mapToDouble(StartupBenchmark::cpuSeconds).sum();
        } finally {
            List<ProcessHandle> children = app.descendants().toList();
            app.destroy(); // SIGTERM, as Ctrl-C
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                System.out.println("  WARNING: the application did not stop within 60 s of SIGTERM");
            }
            for (ProcessHandle child : children) {
                if (!child.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).thenApply(x -> true).get()
                        || child.isAlive()) {
                    child.destroyForcibly();
                    System.out.println("  WARNING: pid " + child.pid() + " outlived the application");
                }
            }
            reader.join(5000);
        }
        return run;
    }

    private static void readLog(Process app, long t0, Run run, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(),
                StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                double t = (System.nanoTime() - t0) / 1e9;
                out.write(String.format(Locale.ROOT, "%8.3f %s%n", t, line));
                if (line.contains("Starting PodgrepApplication")) {
                    run.at.putIfAbsent("spring run", t);
                } else if (line.contains("Starting the local Elasticsearch node")) {
                    run.at.putIfAbsent("node start", t);
                } else if (line.contains("Local Elasticsearch ready")) {
                    run.at.putIfAbsent("node ready", t);
                    Matcher m = NODE_OWN_MS.matcher(line);
                    if (m.find()) {
                        run.nodeOwnMs = Long.parseLong(m.group(1));
                    }
                } else if (line.contains("Created index") || line.contains("Indices ready")) {
                    run.at.put("indices ready", t);
                } else if (line.contains("Started PodgrepApplication")) {
                    run.at.putIfAbsent("started", t);
                    // an existing data dir creates no index: the indices were ready once the node was
                    run.at.putIfAbsent("indices ready", run.seconds("node ready"));
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is stopped
        }
    }

    private static String stats(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return "n/a";
        }
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%6.2f / %6.2f / %6.2f", sorted.getFirst(), median, sorted.getLast());
    }

    /** CPU seconds (user + system) a live process has used, from /proc/<pid>/stat; NaN when not readable. */
    private static double cpuSeconds(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
