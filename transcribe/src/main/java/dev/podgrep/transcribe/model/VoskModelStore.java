package dev.podgrep.transcribe.model;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Provides the Vosk model directory of each configured language, downloading and unpacking model zips into
 * {@code <dataDir>/models} on first use and reusing them on later starts.
 *
 * <p>For a {@linkplain VoskModelSource#directory directory source} the directory is only validated
 * ({@link VoskModelLayout}). For a {@linkplain VoskModelSource#download zip source}:
 * <ol>
 *   <li>the model lives in {@code <dataDir>/models/<language>/<zip name without .zip>}, e.g.
 *       {@code data/models/en/vosk-model-small-en-us-0.15}; when that directory is a valid model downloaded from
 *       the same URL (and, when a sha256 is configured, with that checksum) it is reused without any request;</li>
 *   <li>otherwise the zip is downloaded with OkHttp to a temporary file in {@code <dataDir>/models} while its
 *       SHA-256 is computed; a configured sha256 that differs refuses the download (the message names expected
 *       and actual sums) and the file is deleted;</li>
 *   <li>the zip is unpacked into a temporary directory beside the target, refusing entries that would escape it
 *       (zip slip); a single top-level folder (as in the official zips) becomes the model root; the result must be
 *       a valid model; a record of the URL and checksum ({@value #SOURCE_RECORD}) is written into it;</li>
 *   <li>the unpacked model is renamed into place in one step, so a crash never leaves a half-unpacked model where a
 *       later start would take it for a complete one. A model from another URL or checksum that was there is
 *       replaced.</li>
 * </ol>
 * Temporary files left by an interrupted earlier run are removed before a download. One process per data directory;
 * calls on one store are serialised.
 */
public final class VoskModelStore {

    private static final Logger log = LoggerFactory.getLogger(VoskModelStore.class);

    /** The record of where a downloaded model came from, inside its directory. */
    static final String SOURCE_RECORD = "podgrep-model-source.properties";

    private final Path modelsDirectory;
    private final OkHttpClient http;
    private final Map<String, Object> languageLocks = new ConcurrentHashMap<>();

    /**
     * @param dataDir podgrep's data directory ({@code podgrep.data-dir}); models go to its {@code models} folder
     * @param http    the client to download with (its timeouts, proxy and redirects apply)
     */
    public VoskModelStore(Path dataDir, OkHttpClient http) {
        this.modelsDirectory = dataDir.resolve("models").toAbsolutePath();
        this.http = http;
    }

    /**
     * The validated model directory of {@code source}, downloading and unpacking it when needed.
     *
     * @throws VoskModelException naming the language and the directory or URL: the directory is not a model, the
     *                            server cannot be reached or answers with an error, the checksum differs, the zip is
     *                            unsafe or holds no model, or the data directory cannot be written
     */
    public Path provide(VoskModelSource source) throws VoskModelException {
        // one provisioning per language at a time; languages never wait for each other's downloads
        synchronized (languageLocks.computeIfAbsent(source.language(), l -> new Object())) {
            return provideLocked(source);
        }
    }

    private Path provideLocked(VoskModelSource source) throws VoskModelException {
        if (source.path() != null) {
            Path dir = source.path().toAbsolutePath();
            Optional<String> problem = VoskModelLayout.problem(dir);
            if (problem.isPresent()) {
                throw new VoskModelException(source.language(), source.location(), problem.get(), null);
            }
            return dir;
        }
        try {
            return provideDownloaded(source);
        } catch (IOException | UncheckedIOException e) {
            throw new VoskModelException(source.language(), source.location(),
                    "cannot write the model to " + modelsDirectory + ": " + e.getMessage(), e);
        }
    }

    private Path provideDownloaded(VoskModelSource source) throws VoskModelException, IOException {
        String name = directoryName(source);
        Path languageDirectory = modelsDirectory.resolve(source.language());
        Path target = languageDirectory.resolve(name);
        if (Files.isDirectory(target) && reusable(target, source)) {
            log.info("Vosk model for '{}': using {}", source.language(), target);
            return target;
        }
        Files.createDirectories(languageDirectory);
        deleteLeftovers(source, name, languageDirectory);
        Path zip = null;
        Path unpacking = null;
        try {
            log.info("Vosk model for '{}': downloading {}", source.language(), source.url());
            zip = Files.createTempFile(modelsDirectory, "." + source.language() + "-" + name + "-", ".zip.part");
            String sha256 = download(source, zip);
            unpacking = Files.createTempDirectory(languageDirectory, ".unpacking-" + name + "-");
            Path root;
            try {
                root = ModelArchive.unpack(zip, unpacking);
            } catch (ModelArchive.UnpackException e) {
                throw new VoskModelException(source.language(), source.location(), e.getMessage(), e.getCause());
            }
            if (!VoskModelLayout.missingFiles(root).isEmpty()) {
                throw new VoskModelException(source.language(), source.location(), "the zip holds no usable Vosk"
                        + " model: it lacks " + String.join(", ", VoskModelLayout.missingFiles(root)), null);
            }
            writeSourceRecord(root, source, sha256);
            moveIntoPlace(root, target, languageDirectory, name);
            log.info("Vosk model for '{}': unpacked into {}", source.language(), target);
            return target;
        } finally {
            if (zip != null) {
                Files.deleteIfExists(zip);
            }
            if (unpacking != null) {
                deleteRecursively(unpacking);
            }
        }
    }

    /** Downloads to {@code zip}, checking the sha256 when configured; returns the actual sha256. */
    private String download(VoskModelSource source, Path zip) throws VoskModelException {
        MessageDigest digest = sha256();
        Request request = new Request.Builder().url(source.url().toString()).get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new VoskModelException(source.language(), source.location(), "download failed: HTTP "
                        + response.code() + (response.message().isBlank() ? "" : " " + response.message()), null);
            }
            try (InputStream in = response.body().byteStream();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(zip), digest)) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new VoskModelException(source.language(), source.location(), "download failed: " + describe(e), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (source.sha256() != null && !source.sha256().equals(actual)) {
            deleteQuietly(zip);
            throw new VoskModelException(source.language(), source.location(), "checksum mismatch: expected sha256 "
                    + source.sha256() + " but the download has " + actual + "; the downloaded file was deleted", null);
        }
        return actual;
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    /** Whether the model in {@code target} may be used for {@code source} without downloading. */
    private static boolean reusable(Path target, VoskModelSource source) throws IOException {
        Optional<String> problem = VoskModelLayout.problem(target);
        if (problem.isPresent()) {
            log.warn("Vosk model for '{}': {}; downloading it again", source.language(), problem.get());
            return false;
        }
        Path recordFile = target.resolve(SOURCE_RECORD);
        if (!Files.isRegularFile(recordFile)) {
            if (source.sha256() == null) {
                log.info("Vosk model for '{}': {} was not downloaded by podgrep; using it as no sha256 is configured",
                        source.language(), target);
                return true;
            }
            log.info("Vosk model for '{}': {} has no record of its checksum; downloading to verify sha256 {}",
                    source.language(), target, source.sha256());
            return false;
        }
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(recordFile)) {
            record.load(in);
        }
        if (!source.url().toString().equals(record.getProperty("url"))) {
            log.info("Vosk model for '{}': {} came from {}, now configured is {}; downloading it",
                    source.language(), target, record.getProperty("url"), source.url());
            return false;
        }
        if (source.sha256() != null && !source.sha256().equals(record.getProperty("sha256"))) {
            log.info("Vosk model for '{}': {} has sha256 {}, configured is {}; downloading it again",
                    source.language(), target, record.getProperty("sha256"), source.sha256());
            return false;
        }
        return true;
    }

    private static void writeSourceRecord(Path root, VoskModelSource source, String sha256) throws IOException {
        Properties record = new Properties();
        record.setProperty("language", source.language());
        record.setProperty("url", source.url().toString());
        record.setProperty("sha256", sha256);
        record.setProperty("downloadedAt", Instant.now().toString());
        try (OutputStream out = Files.newOutputStream(root.resolve(SOURCE_RECORD))) {
            record.store(out, "written by podgrep when it downloaded this Vosk model");
        }
    }

    /** Renames {@code root} to {@code target} in one step, replacing an older model that is there. */
    private static void moveIntoPlace(Path root, Path target, Path languageDirectory, String name) throws IOException {
        Path replaced = null;
        if (Files.exists(target)) {
            replaced = languageDirectory.resolve(".replaced-" + name + "-" + System.nanoTime());
            atomicMove(target, replaced);
        }
        try {
            atomicMove(root, target);
        } catch (IOException e) {
            if (replaced != null) {
                atomicMove(replaced, target); // put the old model back
            }
            throw e;
        }
        if (replaced != null) {
            deleteRecursively(replaced);
        }
    }

    private static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step", e);
        }
    }

    /** Removes temporary files of this model that an interrupted earlier run left behind. */
    private void deleteLeftovers(VoskModelSource source, String name, Path languageDirectory) throws IOException {
        String zipPrefix = "." + source.language() + "-" + name + "-";
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(modelsDirectory,
                p -> p.getFileName().toString().startsWith(zipPrefix) && p.getFileName().toString().endsWith(".zip.part"))) {
            for (Path leftover : zips) {
                log.info("Vosk model for '{}': removing {} left by an interrupted download", source.language(), leftover);
                Files.deleteIfExists(leftover);
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(languageDirectory,
                p -> p.getFileName().toString().startsWith(".unpacking-" + name + "-")
                        || p.getFileName().toString().startsWith(".replaced-" + name + "-"))) {
            for (Path leftover : dirs) {
                log.info("Vosk model for '{}': removing {} left by an interrupted unpacking", source.language(), leftover);
                deleteRecursively(leftover);
            }
        }
    }

    /** The zip's file name without {@code .zip}, reduced to safe characters. */
    static String directoryName(VoskModelSource source) {
        String path = source.url().getPath() == null ? "" : source.url().getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            file = file.substring(0, file.length() - 4);
        }
        file = file.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return file.isEmpty() ? "model" : file;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
