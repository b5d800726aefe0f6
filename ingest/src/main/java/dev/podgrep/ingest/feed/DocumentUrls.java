package dev.podgrep.ingest.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jdom2.Element;
import org.jdom2.Namespace;

import okhttp3.HttpUrl;

/**
 * The URLs written in one feed document, made usable: a relative reference ({@code episode-12.mp3},
 * {@code /audio/12.mp3}, {@code //cdn.example.org/12.mp3}) is resolved as RFC 3986 section 5 says, against the
 * base URI of the element it is written on: the document's own URL (where it was fetched from), as changed by
 * {@code xml:base} attributes on the element and its ancestors, outermost first. Only http(s) URLs are usable;
 * anything else ({@code javascript:}, {@code data:}, {@code file:}, {@code ftp:}...) is reported and dropped.
 *
 * <p>Absolute http(s) URLs are kept exactly as written (trimmed), so what parsed before is unchanged; resolved ones
 * come out in OkHttp's canonical form ({@code HttpUrl}, spaces percent-encoded).
 */
final class DocumentUrls {

    private static final Namespace XML = Namespace.XML_NAMESPACE;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int QUOTED_MAX = 120;

    private final HttpUrl documentBase;

    /**
     * @param documentUrl the URL the document was fetched from; a relative reference cannot be resolved when it is
     *                    no http(s) URL
     */
    DocumentUrls(String documentUrl) {
        this.documentBase = documentUrl == null ? null : HttpUrl.parse(documentUrl.strip());
    }

    /**
     * @param element   where the reference is written (null: the document's URL alone is the base)
     * @param reference the URL as written
     * @param what      what it is, e.g. {@code "enclosure URL"}, for the problem
     * @param problems  told why, when the result is empty
     * @return the absolute http(s) URL, empty when the reference is blank, not http(s), or relative without an
     *         http(s) base
     */
    Optional<String> resolve(Element element, String reference, String what, Consumer<String> problems) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String ref = reference.strip();
        if (SCHEME.matcher(ref).lookingAt()) {
            String scheme = ref.substring(0, ref.indexOf(':')).toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https")) {
                return Optional.of(ref);
            }
            problems.accept(what + " " + quote(ref) + " is not an http(s) URL; ignored");
            return Optional.empty();
        }
        HttpUrl base = baseOf(element);
        if (base == null) {
            problems.accept(what + " " + quote(ref) + " is relative and the feed has no http(s) URL to resolve it"
                    + " against; ignored");
            return Optional.empty();
        }
        HttpUrl resolved = base.resolve(ref);
        if (resolved == null) {
            problems.accept(what + " " + quote(ref) + " is not a valid URL; ignored");
            return Optional.empty();
        }
        return Optional.of(resolved.toString());
    }

    /**
     * Whether two URLs name the same resource (both http(s), equal in canonical form).
     */
    static boolean sameUrl(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        HttpUrl x = HttpUrl.parse(a.strip());
        HttpUrl y = HttpUrl.parse(b.strip());
        return x != null && x.equals(y);
    }

    /** The document URL as changed by the {@code xml:base} of the element and its ancestors; null when not http(s). */
    private HttpUrl baseOf(Element element) {
        Deque<String> bases = new ArrayDeque<>();
        for (Element e = element; e != null; e = e.getParentElement()) {
            String xmlBase = e.getAttributeValue("base", XML);
            if (xmlBase != null && !xmlBase.isBlank()) {
                bases.push(xmlBase.strip());
            }
        }
        HttpUrl base = documentBase;
        for (String xmlBase : bases) {
            base = base == null ? HttpUrl.parse(xmlBase) : base.resolve(xmlBase);
        }
        return base;
    }

    /** A value from the feed, quoted and cut to a readable length for a problem line. */
    static String quote(String value) {
        String v = value.length() > QUOTED_MAX ? value.substring(0, QUOTED_MAX) + "…" : value;
        return "'" + v + "'";
    }
}
