package dev.podgrep.app.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Picks the {@code java} executable (21+) that runs the Elasticsearch node. */
public final class JavaRuntime {

    static final int MINIMUM = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private JavaRuntime() {
    }

    /**
     * The java executable for the node: {@code configuredHome} when given (must be 21+), else the running JVM
     * when it is 21+, else {@code $JAVA_HOME} or the newest JDK under /usr/lib/jvm that is 21+.
     *
     * @throws LocalElasticsearchException naming what was looked at, when none qualifies
     */
    public static Path forElasticsearch(Path configuredHome) {
        if (configuredHome != null) {
            int version = featureVersion(configuredHome).orElse(-1);
            if (version < MINIMUM) {
                throw new LocalElasticsearchException("podgrep.elasticsearch.java-home=" + configuredHome
                        + " is " + (version < 0 ? "not a JDK (no release file)" : "Java " + version)
                        + "; Elasticsearch 9 needs Java " + MINIMUM + "+");
            }
            return executable(configuredHome);
        }
        if (Runtime.version().feature() >= MINIMUM) {
            return executable(Path.of(System.getProperty("java.home")));
        }
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("JAVA_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(Files::isDirectory).forEach(candidates::add);
            } catch (IOException ignored) {
                // nothing more to look at
            }
        }
        return candidates.stream()
                .filter(p -> featureVersion(p).orElse(-1) >= MINIMUM)
                .max(Comparator.comparingInt(p -> featureVersion(p).orElse(-1)))
                .map(JavaRuntime::executable)
                .orElseThrow(() -> new LocalElasticsearchException("Elasticsearch 9 needs Java " + MINIMUM
                        + "+, this JVM is " + Runtime.version().feature() + " and none of " + candidates
                        + " qualifies: install a JDK 21+ and set podgrep.elasticsearch.java-home or JAVA_HOME"));
    }

    static Optional<Integer> featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(executable(javaHome))) {
            return Optional.empty();
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path executable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }
}
