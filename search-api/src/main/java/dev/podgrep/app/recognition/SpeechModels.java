package dev.podgrep.app.recognition;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.ingest.fetch.NetworkGuard;
import dev.podgrep.transcribe.model.VoskModelException;
import dev.podgrep.transcribe.model.VoskModelSource;
import dev.podgrep.transcribe.model.VoskModelStore;
import dev.podgrep.transcribe.vosk.VoskModel;
import jakarta.annotation.PreDestroy;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vosk.LogLevel;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The Vosk speech models, one per language, and their single owner: each is provided on first use (the directory
 * of {@code podgrep.vosk.models.<lang>.path}, else the zip of {@code .url} — default the official small model —
 * downloaded and unpacked under {@code <data-dir>/models} by {@link VoskModelStore}), loaded once, shared by every
 * transcription, and closed once at shutdown.
 *
 * <p>Languages never wait for each other: each language has its own future. The first caller of a language
 * provides its model on its own thread; later callers of that language wait for that same future (they need that
 * model), callers of other languages are not held up at all, and {@link #close()} never waits for a download.
 *
 * <p>A language whose model cannot be provided does not stop anything else: one log line names the language and
 * what failed, {@link #model} then throws {@link SpeechModelUnavailableException} for that language, and the failure
 * is remembered until {@link #retryUnavailable()} (called at the start of each ingestion run), so a run logs it once.
 * Models are provided lazily: the application starts without waiting for downloads.
 */
@Component
public class SpeechModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpeechModels.class);

    private final Map<String, PodgrepProperties.ModelProperties> configured;
    private final VoskModelStore store;
    private final OkHttpClient http;
    private final ConcurrentHashMap<String, CompletableFuture<VoskModel>> models = new ConcurrentHashMap<>();
    /** Guards {@link #closed} against models completing while {@link #close()} collects them (never held long). */
    private final Object lifecycle = new Object();
    private boolean closed;

    @Autowired
    public SpeechModels(PodgrepProperties properties) {
        this(properties.dataDir(), properties.vosk().models(), properties.vosk().logLevel(),
                properties.ingest().allowPrivateNetworks());
    }

    /**
     * @param dataDir              podgrep's data directory; downloaded models go to its {@code models} folder
     * @param configured           model per language (path or url + sha256); languages not listed use the official
     *                             small model
     * @param logLevel             libvosk's native log level (-1 warnings, 0 info, 1 debug)
     * @param allowPrivateNetworks whether model URLs may resolve to private, loopback... addresses (see
     *                             {@link NetworkGuard})
     */
    public SpeechModels(Path dataDir, Map<String, PodgrepProperties.ModelProperties> configured, int logLevel,
                        boolean allowPrivateNetworks) {
        this.configured = Map.copyOf(configured);
        this.http = NetworkGuard.of(allowPrivateNetworks).install(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(30))).build();
        this.store = new VoskModelStore(dataDir, http);
        VoskModel.setNativeLogLevel(logLevel <= -1 ? LogLevel.WARNINGS : logLevel == 0 ? LogLevel.INFO : LogLevel.DEBUG);
    }

    /**
     * The loaded model of {@code language}, providing and loading it on first use.
     *
     * @throws SpeechModelUnavailableException when the model cannot be provided or loaded (logged once)
     * @throws InterruptedException            when the caller is interrupted while another thread provides the model
     */
    public VoskModel model(String language) throws SpeechModelUnavailableException, InterruptedException {
        Objects.requireNonNull(language, "language");
        CompletableFuture<VoskModel> mine = new CompletableFuture<>();
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the speech models are closed (podgrep is shutting down)");
            }
        }
        CompletableFuture<VoskModel> existing = models.putIfAbsent(language, mine);
        if (existing == null) {
            provide(language, mine);
        }
        try {
            return (existing == null ? mine : existing).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SpeechModelUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("providing the '" + language + "' model failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private void provide(String language, CompletableFuture<VoskModel> future) {
        try {
            VoskModel model = VoskModel.load(store.provide(source(language)), language);
            synchronized (lifecycle) {
                if (closed) {
                    model.close();
                    future.completeExceptionally(new SpeechModelUnavailableException(language,
                            "podgrep is shutting down", null));
                    return;
                }
                future.complete(model);
            }
        } catch (VoskModelException | IllegalArgumentException e) {
            String message = e instanceof VoskModelException ? e.getMessage()
                    : "Vosk model for '" + language + "': " + e.getMessage();
            log.error("Speech model unavailable for language '{}': {}. Its episodes without a publisher transcript"
                    + " wait (not failed) until a later run can provide the model", language, message);
            future.completeExceptionally(new SpeechModelUnavailableException(language, message, e));
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Forgets the failures so far: the next {@link #model} call for such a language tries again. */
    public void retryUnavailable() {
        models.values().removeIf(CompletableFuture::isCompletedExceptionally);
    }

    private VoskModelSource source(String language) {
        PodgrepProperties.ModelProperties model = configured.get(language);
        if (model == null) {
            return VoskModelSource.officialSmall(language);
        }
        String url = model.url() == null || model.url().isBlank() ? null : model.url().strip();
        String sha256 = model.sha256() == null || model.sha256().isBlank() ? null : model.sha256();
        return VoskModelSource.configured(language, model.path(), url == null ? null : URI.create(url), sha256);
    }

    /**
     * Closes every loaded model (once, at shutdown). Never waits for a download in progress: a model that finishes
     * loading after this is closed by its provider.
     */
    @PreDestroy
    @Override
    public void close() {
        List<VoskModel> loaded = new ArrayList<>();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            for (CompletableFuture<VoskModel> future : models.values()) {
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    loaded.add(future.join());
                }
            }
        }
        loaded.forEach(VoskModel::close);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
