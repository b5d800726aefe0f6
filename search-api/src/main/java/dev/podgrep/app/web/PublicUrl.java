package dev.podgrep.app.web;

import dev.podgrep.app.PodgrepProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The absolute URLs podgrep hands out (links in quotes, feeds, exports): {@code podgrep.public-url} when it is set
 * (behind a reverse proxy the app cannot see its public name), else the scheme, host and port of the request being
 * answered.
 */
@Component
public class PublicUrl {

    private final String configured;

    public PublicUrl(PodgrepProperties properties) {
        String url = properties.publicUrl();
        this.configured = url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
    }

    /** The base, without a trailing slash: {@code https://podgrep.example.org} or {@code http://localhost:8080}. */
    public String base() {
        return configured != null ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    /** {@code base() + path}; {@code path} starts with {@code /}. */
    public String of(String path) {
        return base() + path;
    }

    /** The moment page of an episode: {@code /episodes/{id}?t=<start>[&end=<end>]} (seconds, up to 2 decimals). */
    public String moment(String episodeId, double start, Double end) {
        return moment(base(), episodeId, start, end);
    }

    /**
     * The moment page under a base taken earlier ({@link #base()} needs the request's thread; a response streamed
     * on another thread takes the base first).
     */
    public static String moment(String base, String episodeId, double start, Double end) {
        return base + "/episodes/" + episodeId + "?t=" + seconds(start) + (end == null ? "" : "&end=" + seconds(end));
    }

    /** Seconds as a short decimal: {@code 61}, {@code 61.5}, {@code 61.25}. */
    public static String seconds(double value) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
