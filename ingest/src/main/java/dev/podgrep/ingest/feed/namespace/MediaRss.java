package dev.podgrep.ingest.feed.namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jdom2.Element;

/**
 * The Media RSS ({@code media:}) elements podgrep reads from an item: {@code <media:content url type medium
 * fileSize>}, directly on the item or inside {@code <media:group>}. Some feeds announce their audio only there, with
 * no {@code <enclosure>}.
 */
public final class MediaRss {

    /** The namespace URI of Media RSS; {@code https}, no trailing slash and the old {@code tools.} host too. */
    public static final String NAMESPACE = "http://search.yahoo.com/mrss/";

    private static final Set<String> URIS = Namespaces.normalisedSet(NAMESPACE, "http://tools.search.yahoo.com/mrss/");
    private static final Set<String> AUDIO_EXTENSIONS = Set.of(
            "mp3", "m4a", "m4b", "aac", "ogg", "oga", "opus", "wav", "flac", "mka");

    private MediaRss() {
    }

    /**
     * One {@code media:content} as written.
     *
     * @param element  the element (for its {@code xml:base})
     * @param url      the {@code url} attribute, trimmed, or null
     * @param type     the {@code type} attribute (a MIME type), or null
     * @param medium   the {@code medium} attribute ({@code audio}, {@code video}, {@code image}...), lower case, or
     *                 null
     * @param fileSize the {@code fileSize} attribute as written (bytes), or null
     */
    public record Content(Element element, String url, String type, String medium, String fileSize) {

        /**
         * Whether this is audio: {@code medium="audio"}; or, without a medium, an {@code audio/*} type; or, with
         * neither medium nor type, a URL whose path ends in an audio file extension ({@code .mp3}, {@code .m4a}...).
         *
         * @return true for audio
         */
        public boolean isAudio() {
            if (medium != null) {
                return medium.equals("audio");
            }
            if (type != null) {
                return type.toLowerCase(Locale.ROOT).startsWith("audio/");
            }
            return url != null && AUDIO_EXTENSIONS.contains(extension(url));
        }
    }

    /**
     * The item's {@code media:content} elements with a {@code url}, those directly on the item and those inside its
     * {@code media:group}s, in document order.
     *
     * @param item an RSS {@code <item>} or Atom {@code <entry>}
     * @return every content, audio or not (see {@link Content#isAudio()})
     */
    public static List<Content> contents(Element item) {
        List<Content> contents = new ArrayList<>();
        for (Element child : item.getChildren()) {
            if (!URIS.contains(Namespaces.normalise(child.getNamespaceURI()))) {
                continue;
            }
            if (child.getName().equals("content")) {
                add(child, contents);
            } else if (child.getName().equals("group")) {
                Namespaces.children(child, "content", URIS).forEach(content -> add(content, contents));
            }
        }
        return contents;
    }

    private static void add(Element content, List<Content> contents) {
        String url = Namespaces.attribute(content, "url");
        if (url == null) {
            return;
        }
        String medium = Namespaces.attribute(content, "medium");
        contents.add(new Content(content, url, Namespaces.attribute(content, "type"),
                medium == null ? null : medium.toLowerCase(Locale.ROOT), Namespaces.attribute(content, "fileSize")));
    }

    private static String extension(String url) {
        String path = url;
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        path = path.substring(0, end);
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
