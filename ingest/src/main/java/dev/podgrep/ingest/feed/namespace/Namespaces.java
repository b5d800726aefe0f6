package dev.podgrep.ingest.feed.namespace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdom2.Element;

/** Finding children of an item by namespace, tolerant of the spellings of namespace URIs seen in real feeds. */
final class Namespaces {

    private Namespaces() {
    }

    /**
     * The children of {@code parent} with this local name in any of these namespaces.
     *
     * @param uris namespace URIs, compared case-insensitively and without regard to {@code http}/{@code https}
     *             or a trailing slash
     */
    static List<Element> children(Element parent, String localName, Set<String> uris) {
        return parent.getChildren().stream()
                .filter(child -> child.getName().equals(localName))
                .filter(child -> uris.contains(normalise(child.getNamespaceURI())))
                .toList();
    }

    static Optional<String> childText(Element parent, String localName, Set<String> uris) {
        return children(parent, localName, uris).stream()
                .map(Element::getTextTrim)
                .filter(text -> !text.isEmpty())
                .findFirst();
    }

    /** The attribute's value, trimmed; null when absent or blank. */
    static String attribute(Element element, String name) {
        String value = element.getAttributeValue(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Set<String> normalisedSet(String... uris) {
        return Arrays.stream(uris).map(Namespaces::normalise).collect(Collectors.toUnmodifiableSet());
    }

    static String normalise(String uri) {
        String u = uri.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
