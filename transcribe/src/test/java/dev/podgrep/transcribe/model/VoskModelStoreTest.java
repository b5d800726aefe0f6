package dev.podgrep.transcribe.model;

import dev.podgrep.transcribe.testing.ToneWordModel;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoskModelStoreTest {

    private static final byte[] OFFICIAL_STYLE_ZIP = ToneWordModel.zip(); // files under vosk-model-tone-words/

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();
    private VoskModelStore store;

    @BeforeAll
    static void quietVosk() {
        LibVosk.setLogLevel(LogLevel.WARNINGS);
    }

    @BeforeEach
    void start() throws IOException {
        server.start();
        store = new VoskModelStore(dataDir, http);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse zipResponse(byte[] zip) {
        return new MockResponse.Builder().body(new Buffer().write(zip)).build();
    }

    private URI url(String path) {
        return server.url(path).uri();
    }

    @Test
    void downloadsVerifiesUnpacksAndOnTheNextStartReusesAModelThatVoskLoads() throws Exception {
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));
        VoskModelSource source = VoskModelSource.download("en", url("/vosk/models/vosk-model-tone-words.zip"),
                ModelZips.sha256(OFFICIAL_STYLE_ZIP).toUpperCase());

        Path dir = store.provide(source);

        assertThat(dir).isEqualTo(dataDir.resolve("models/en/vosk-model-tone-words").toAbsolutePath());
        assertThat(dir.resolve("am/final.mdl")).isRegularFile(); // the zip's top-level folder became the model root
        assertThat(dir.resolve(ToneWordModel.ZIP_FOLDER)).doesNotExist();
        assertThat(dir.resolve(VoskModelStore.SOURCE_RECORD)).content()
                .contains("url=" + source.url().toString().replace(":", "\\:"))
                .contains("sha256=" + ModelZips.sha256(OFFICIAL_STYLE_ZIP));
        try (Model model = new Model(dir.toString())) {
            assertThat(model).isNotNull();
        }

        Path again = new VoskModelStore(dataDir, http).provide(source); // a new store: as on the next start

        assertThat(again).isEqualTo(dir);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(filesUnder(dataDir.resolve("models"))).allMatch(p -> p.startsWith("en/vosk-model-tone-words/"));
    }

    @Test
    void aZipWithoutTopLevelFolderIsUnpackedAsTheModelRoot() throws Exception {
        byte[] flat = ModelZips.zip(ModelZips.toneWordFiles(scratch));
        server.enqueue(zipResponse(flat));

        Path dir = store.provide(VoskModelSource.download("ru", url("/flat.zip"), null));

        assertThat(dir).isEqualTo(dataDir.resolve("models/ru/flat").toAbsolutePath());
        assertThat(dir.resolve("graph/HCLG.fst")).isRegularFile();
        try (Model model = new Model(dir.toString())) {
            assertThat(model).isNotNull();
        }
    }

    @Test
    void aWrongChecksumIsRefusedNamingBothSumsAndTheDownloadIsDeleted() {
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));
        String expected = "0".repeat(64);
        URI url = url("/vosk-model-tone-words.zip");

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("en", url, expected)))
                .isInstanceOf(VoskModelException.class)
                .hasMessage("Vosk model for 'en' (" + url + "): checksum mismatch: expected sha256 " + expected
                        + " but the download has " + ModelZips.sha256(OFFICIAL_STYLE_ZIP)
                        + "; the downloaded file was deleted");
        assertThat(filesUnder(dataDir.resolve("models"))).isEmpty();
    }

    @Test
    void aZipWithAnEntryClimbingOutOfTheModelDirectoryIsRefusedAndNothingIsWritten() {
        Map<String, byte[]> files = new LinkedHashMap<>(ModelZips.toneWordFiles(scratch));
        files.put("../../evil.sh", "rm -rf /".getBytes());
        server.enqueue(zipResponse(ModelZips.zip(files)));
        URI url = url("/evil.zip");

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("en", url, null)))
                .isInstanceOf(VoskModelException.class)
                .hasMessage("Vosk model for 'en' (" + url + "): refusing the zip: its entry '../../evil.sh' would be"
                        + " written outside the model directory ('..' in the path)");
        assertThat(filesUnder(dataDir)).isEmpty();
        assertThat(dataDir.resolve("models/evil.sh")).doesNotExist();
        assertThat(dataDir.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aZipWithAnAbsoluteEntryIsRefused() {
        server.enqueue(zipResponse(ModelZips.zip(Map.of("/etc/cron.d/evil", new byte[]{1}))));
        URI url = url("/absolute.zip");

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("en", url, null)))
                .hasMessageContaining("its entry '/etc/cron.d/evil' would be written outside the model directory"
                        + " (absolute path)");
    }

    @Test
    void aMissingZipGivesAnErrorNamingLanguageUrlAndStatus() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        URI url = url("/vosk/models/vosk-model-small-xx-0.1.zip");

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("de", url, null)))
                .isInstanceOf(VoskModelException.class)
                .hasMessageStartingWith("Vosk model for 'de' (" + url + "): download failed: HTTP 404")
                .satisfies(e -> assertThat(((VoskModelException) e).language()).isEqualTo("de"));
        assertThat(filesUnder(dataDir.resolve("models"))).isEmpty();
    }

    @Test
    void anUnreachableServerGivesAnErrorNamingLanguageAndUrl() throws Exception {
        MockWebServer gone = new MockWebServer();
        gone.start();
        URI url = gone.url("/model.zip").uri();
        gone.close();

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("ru", url, null)))
                .isInstanceOf(VoskModelException.class)
                .hasMessageStartingWith("Vosk model for 'ru' (" + url + "): download failed: ConnectException");
    }

    @Test
    void aDownloadThatIsNotAZipOrHoldsNoModelIsRefused() {
        server.enqueue(new MockResponse.Builder().body("<html>Rate limit exceeded</html>").build());
        server.enqueue(zipResponse(ModelZips.zip(Map.of("README", "just a readme".getBytes()))));

        assertThatThrownBy(() -> store.provide(VoskModelSource.download("en", url("/page.zip"), null)))
                .hasMessageContaining("): the download is not a valid zip archive");
        assertThatThrownBy(() -> store.provide(VoskModelSource.download("en", url("/readme.zip"), null)))
                .hasMessageEndingWith("): the zip holds no usable Vosk model: it lacks am/final.mdl, conf/model.conf,"
                        + " conf/mfcc.conf (or conf/fbank.conf), graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst"
                        + " and graph/disambig_tid.int), graph/phones/word_boundary.int");
        assertThat(filesUnder(dataDir.resolve("models"))).isEmpty();
    }

    @Test
    void aNewlyConfiguredChecksumDownloadsAgainAndReplacesTheModel() throws Exception {
        byte[] flat = ModelZips.zip(ModelZips.toneWordFiles(scratch));
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));
        server.enqueue(zipResponse(flat));
        URI url = url("/vosk-model-tone-words.zip");
        Path first = store.provide(VoskModelSource.download("en", url, null));

        Path second = store.provide(VoskModelSource.download("en", url, ModelZips.sha256(flat)));

        assertThat(second).isEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(second.resolve(VoskModelStore.SOURCE_RECORD)).content().contains("sha256=" + ModelZips.sha256(flat));
        assertThat(filesUnder(dataDir.resolve("models"))).allMatch(p -> p.startsWith("en/vosk-model-tone-words/"));
    }

    @Test
    void aBrokenModelDirectoryIsDownloadedAgain() throws Exception {
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));
        VoskModelSource source = VoskModelSource.download("en", url("/vosk-model-tone-words.zip"), null);
        Path dir = store.provide(source);
        Files.delete(dir.resolve("am/final.mdl"));

        assertThat(store.provide(source).resolve("am/final.mdl")).isRegularFile();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void leftoversOfAnInterruptedRunAreRemoved() throws Exception {
        Path models = Files.createDirectories(dataDir.resolve("models/en"));
        Path partialZip = Files.writeString(dataDir.resolve("models/.en-vosk-model-tone-words-123.zip.part"), "half");
        Path partialDir = Files.createDirectories(models.resolve(".unpacking-vosk-model-tone-words-456/am"));
        server.enqueue(zipResponse(OFFICIAL_STYLE_ZIP));

        store.provide(VoskModelSource.download("en", url("/vosk-model-tone-words.zip"), null));

        assertThat(partialZip).doesNotExist();
        assertThat(partialDir.getParent()).doesNotExist();
    }

    @Test
    void aConfiguredDirectoryIsValidatedAndUsedWithoutDownloading() throws Exception {
        Path model = ToneWordModel.writeTo(scratch.resolve("my-model"));

        assertThat(store.provide(VoskModelSource.directory("en", model))).isEqualTo(model.toAbsolutePath());

        Files.delete(model.resolve("am/final.mdl"));
        assertThatThrownBy(() -> store.provide(VoskModelSource.directory("en", model)))
                .isInstanceOf(VoskModelException.class)
                .hasMessage("Vosk model for 'en' (" + model + "): model directory " + model.toAbsolutePath()
                        + " lacks am/final.mdl");
        assertThat(server.getRequestCount()).isZero();
    }

    /** Regular files under {@code dir}, as '/'-separated paths relative to it; empty when it does not exist. */
    private static List<String> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
