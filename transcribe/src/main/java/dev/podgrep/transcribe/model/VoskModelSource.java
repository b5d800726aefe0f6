package dev.podgrep.transcribe.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Vosk model of one language comes from: an unpacked model directory, or the URL of a zip to download
 * (optionally with its SHA-256), as configured under {@code podgrep.vosk.models.<lang>}.
 *
 * @param language BCP-47 language the model recognises ({@code en}, {@code ru}, {@code pt-BR})
 * @param path     an unpacked model directory, or null when the model is downloaded
 * @param url      the http(s) URL of a model zip, or null when {@code path} is given
 * @param sha256   the expected SHA-256 of the zip as 64 hex digits (stored lower case), or null to skip the check;
 *                 only with {@code url}
 */
public record VoskModelSource(String language, Path path, URI url, String sha256) {

    /**
     * The official small models of alphacephei.com, used when a language has neither a path nor a URL configured.
     * Their SHA-256 sums are not published beside the zips and could not be taken from a trusted source when this
     * was written, so no checksum is preset: configure {@code sha256} to have downloads verified.
     */
    public static final Map<String, URI> OFFICIAL_SMALL_MODELS = Map.of(
            "en", URI.create("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"),
            "ru", URI.create("https://alphacephei.com/vosk/models/vosk-model-small-ru-0.22.zip"));

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * @throws IllegalArgumentException naming the language and the problem: a language that is not a BCP-47 tag,
     *                                  neither or both of path and url, a url that is not http(s), a sha256 that
     *                                  is not 64 hex digits or given with a path
     */
    public VoskModelSource {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("Vosk model language '" + language
                    + "' is not a language tag like 'en' or 'pt-BR'");
        }
        if ((path == null) == (url == null)) {
            throw new IllegalArgumentException("Vosk model for '" + language + "' needs either a directory path or a"
                    + " zip url, " + (path == null ? "got neither" : "got both"));
        }
        if (url != null) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("Vosk model url for '" + language + "' must be an http(s) URL, got "
                        + url);
            }
        }
        if (sha256 != null) {
            if (url == null) {
                throw new IllegalArgumentException("Vosk model for '" + language
                        + "': sha256 applies to a downloaded zip, not to the directory " + path);
            }
            if (!SHA256.matcher(sha256.strip()).matches()) {
                throw new IllegalArgumentException("Vosk model sha256 for '" + language
                        + "' must be 64 hex digits, got '" + sha256 + "'");
            }
            sha256 = sha256.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** A model already unpacked in {@code path}. */
    public static VoskModelSource directory(String language, Path path) {
        return new VoskModelSource(language, Objects.requireNonNull(path, "path"), null, null);
    }

    /** A model zip to download from {@code url}, verified against {@code sha256} unless that is null. */
    public static VoskModelSource download(String language, URI url, String sha256) {
        return new VoskModelSource(language, null, Objects.requireNonNull(url, "url"), sha256);
    }

    /**
     * The official small model for {@code language} ({@link #OFFICIAL_SMALL_MODELS}), without checksum.
     *
     * @throws IllegalArgumentException when podgrep knows no default model for the language
     */
    public static VoskModelSource officialSmall(String language) {
        return configured(language, null, null, null);
    }

    /**
     * The source the configuration describes: the directory when {@code path} is set (url and sha256 then do not
     * apply), else the zip at {@code url}, else the official small model of the language; {@code sha256}, when
     * set, checks whichever zip is downloaded.
     *
     * @throws IllegalArgumentException when nothing is configured and podgrep knows no default for the language
     */
    public static VoskModelSource configured(String language, Path path, URI url, String sha256) {
        if (path != null) {
            return directory(language, path);
        }
        if (url != null) {
            return download(language, url, sha256);
        }
        URI official = language == null ? null : OFFICIAL_SMALL_MODELS.get(language.toLowerCase(Locale.ROOT));
        if (official == null) {
            throw new IllegalArgumentException("no default Vosk model is known for language '" + language
                    + "' (defaults exist for " + String.join(", ", OFFICIAL_SMALL_MODELS.keySet().stream().sorted().toList())
                    + "): configure a model directory path or a zip url for it");
        }
        return download(language, official, sha256);
    }

    /** The directory or URL, for messages. */
    public String location() {
        return path != null ? path.toString() : url.toString();
    }

}
