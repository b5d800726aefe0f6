package dev.podgrep.app.recognition;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.vosk.VoskModel;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Speech models per language, on the real libvosk, with a model server on loopback. */
class SpeechModelsTest {

    @TempDir
    Path dir;

    @Test
    void aSlowDownloadOfOneLanguageHoldsUpNeitherAnotherLanguageNorTheShutdown() throws Exception {
        Path english = ToneWordModel.writeTo(dir.resolve("en-model"));
        try (MockWebServer server = new MockWebServer();
             ExecutorService threads = Executors.newSingleThreadExecutor()) {
            // the Russian zip trickles in at one byte a second: a download that takes minutes
            server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/zip")
                    .body(new Buffer().write(new byte[600])).throttleBody(1, 1, TimeUnit.SECONDS).build());
            server.start(0);
            SpeechModels models = new SpeechModels(dir.resolve("data"), Map.of(
                    "en", new PodgrepProperties.ModelProperties(english, null, null),
                    "ru", new PodgrepProperties.ModelProperties(null, server.url("/ru.zip").toString(), null)), -1,
                    true);
            Future<VoskModel> russian = threads.submit(() -> models.model("ru"));
            RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
            assertThat(request).as("the Russian download started").isNotNull();

            VoskModel model = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> models.model("en"),
                    "the English model must not wait for the Russian download");
            assertThat(model.language()).isEqualTo("en");
            assertThat(russian).as("still downloading").isNotDone();

            assertTimeoutPreemptively(Duration.ofSeconds(5), models::close,
                    "closing must not wait for a download in progress");
            assertThat(russian).isNotDone();

            server.close();   // the download breaks off; the Russian caller learns the model is unavailable
            assertThatThrownBy(() -> russian.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SpeechModelUnavailableException.class);
        }
    }

    @Test
    void modelDownloadsAreRefusedFromPrivateAddressesUnlessAllowed() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(0);
            try (SpeechModels models = new SpeechModels(dir.resolve("data"), Map.of("en",
                    new PodgrepProperties.ModelProperties(null, server.url("/en.zip").toString(), null)), -1, false)) {
                assertThatThrownBy(() -> models.model("en")).isInstanceOf(SpeechModelUnavailableException.class)
                        .hasMessageContaining("resolves to a loopback address");
            }
            assertThat(server.getRequestCount()).as("nothing reached the server").isZero();
        }
    }

    @Test
    void aFailedLanguageIsRememberedUntilTheNextRunRetriesIt() throws Exception {
        Path notAModel = dir.resolve("empty");
        java.nio.file.Files.createDirectories(notAModel);
        try (SpeechModels models = new SpeechModels(dir.resolve("data"),
                Map.of("ru", new PodgrepProperties.ModelProperties(notAModel, null, null)), -1, false)) {
            assertThatThrownBy(() -> models.model("ru")).isInstanceOf(SpeechModelUnavailableException.class)
                    .hasMessageContaining(notAModel.toString());
            ToneWordModel.writeTo(notAModel);
            assertThatThrownBy(() -> models.model("ru")).as("remembered within a run")
                    .isInstanceOf(SpeechModelUnavailableException.class);

            models.retryUnavailable();

            assertThat(models.model("ru").language()).isEqualTo("ru");
        }
    }
}
