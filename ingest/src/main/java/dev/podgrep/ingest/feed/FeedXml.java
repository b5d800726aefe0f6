package dev.podgrep.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.xml.sax.SAXParseException;

import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;

import dev.podgrep.ingest.feed.namespace.Itunes;
import dev.podgrep.ingest.feed.namespace.MediaRss;
import dev.podgrep.ingest.feed.namespace.PodcastIndex;

/**
 * Parses the bytes of a feed into an XML tree with Rome's hardened SAX builder (no DOCTYPE, no external entities),
 * the character encoding taken from the document itself, HTML entities such as {@code &nbsp;} tolerated.
 *
 * <p>One recovery: hand-written and legacy feeds often use the well-known podcast prefixes ({@code itunes:},
 * {@code podcast:}, {@code content:}, {@code media:}, {@code atom:}, {@code dc:}, {@code googleplay:},
 * {@code psc:}) without declaring them, which strict XML refuses ("The prefix "itunes" for element
 * "itunes:duration" is not bound"). When such a document fails, the namespaces it uses but its root does not
 * declare are declared on the root, and it is read again; {@link Parsed#declaredPrefixes()} says which, so the
 * feed can be told. Any other breakage (and a DOCTYPE) still fails.
 */
final class FeedXml {

    /** The namespaces a podcast feed may use undeclared, by their customary prefix. */
    static final Map<String, String> WELL_KNOWN = wellKnown();

    private static final Pattern DECLARED_ON_ROOT = Pattern.compile("xmlns:([A-Za-z_][\\w.-]*)\\s*=");
    private static final Pattern USED_PREFIX = Pattern.compile(
            "(?:<|\\s)(" + String.join("|", WELL_KNOWN.keySet()) + "):[A-Za-z_]");

    /**
     * @param document         the XML tree
     * @param declaredPrefixes the well-known prefixes the document used without declaring them, declared by podgrep
     *                         to read it (empty for a well-formed document)
     */
    record Parsed(Document document, List<String> declaredPrefixes) {
    }

    private FeedXml() {
    }

    static Parsed parse(Feed feed, byte[] xml) throws FeedParseException {
        SAXBuilder builder = new SecureRomeInput().saxBuilder();
        JDOMParseException strictFailure;
        try (Reader reader = new XmlFixerReader(new XmlReader(new ByteArrayInputStream(xml), true))) {
            return new Parsed(builder.build(reader), List.of());
        } catch (JDOMParseException e) {
            strictFailure = e;
        } catch (JDOMException e) {
            throw new FeedParseException(feed, "invalid XML", e);
        } catch (IOException e) {
            throw undecodable(feed, e);
        }
        String text;
        try (Reader reader = new XmlReader(new ByteArrayInputStream(xml), true)) {
            text = readAll(reader);
        } catch (IOException e) {
            throw undecodable(feed, e);
        }
        RootTag root = RootTag.find(text);
        Set<String> missing = root == null ? Set.of() : missingPrefixes(text, root);
        if (missing.isEmpty()) {
            throw invalid(feed, xml, strictFailure);
        }
        StringBuilder declarations = new StringBuilder();
        for (String prefix : missing) {
            declarations.append(" xmlns:").append(prefix).append("=\"").append(WELL_KNOWN.get(prefix)).append('"');
        }
        String declared = text.substring(0, root.nameEnd()) + declarations + text.substring(root.nameEnd());
        try (Reader reader = new XmlFixerReader(new StringReader(declared))) {
            return new Parsed(builder.build(reader), List.copyOf(missing));
        } catch (JDOMParseException e) {
            throw invalid(feed, xml, e);
        } catch (JDOMException e) {
            throw new FeedParseException(feed, "invalid XML", e);
        } catch (IOException e) {
            throw undecodable(feed, e);
        }
    }

    /** The well-known prefixes used in the text (as element or attribute prefixes) that the root does not declare. */
    private static Set<String> missingPrefixes(String text, RootTag root) {
        Set<String> declaredOnRoot = new LinkedHashSet<>();
        Matcher declared = DECLARED_ON_ROOT.matcher(text).region(root.start(), root.tagEnd());
        while (declared.find()) {
            declaredOnRoot.add(declared.group(1));
        }
        Set<String> missing = new LinkedHashSet<>();
        Matcher used = USED_PREFIX.matcher(text).region(root.start(), text.length());
        while (used.find() && missing.size() < WELL_KNOWN.size()) {
            if (!declaredOnRoot.contains(used.group(1))) {
                missing.add(used.group(1));
            }
        }
        return missing;
    }

    private static FeedParseException invalid(Feed feed, byte[] xml, JDOMParseException e) {
        if (looksLikeHtml(xml)) {
            return new FeedParseException(feed, "not an RSS or Atom feed: the document is an HTML page", e);
        }
        String detail = e.getCause() instanceof SAXParseException sax ? sax.getMessage() : e.getMessage();
        return new FeedParseException(feed, "invalid XML at line " + e.getLineNumber() + ", column "
                + e.getColumnNumber() + ": " + detail, e);
    }

    private static FeedParseException undecodable(Feed feed, IOException e) {
        return new FeedParseException(feed, "cannot decode the document's characters: its encoding is unknown or "
                + "does not match its bytes", e);
    }

    private static boolean looksLikeHtml(byte[] xml) {
        String start = new String(xml, 0, Math.min(xml.length, 512), StandardCharsets.ISO_8859_1)
                .replace("\u00EF\u00BB\u00BF", "").strip().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[64 * 1024];
        for (int n; (n = reader.read(buffer)) != -1; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static Map<String, String> wellKnown() {
        Map<String, String> namespaces = new LinkedHashMap<>();
        namespaces.put("itunes", Itunes.NAMESPACE);
        namespaces.put("podcast", PodcastIndex.NAMESPACE);
        namespaces.put("content", "http://purl.org/rss/1.0/modules/content/");
        namespaces.put("media", MediaRss.NAMESPACE);
        namespaces.put("atom", "http://www.w3.org/2005/Atom");
        namespaces.put("dc", "http://purl.org/dc/elements/1.1/");
        namespaces.put("googleplay", "http://www.google.com/schemas/play-podcasts/1.0");
        namespaces.put("psc", "http://podlove.org/simple-chapters");
        return Collections.unmodifiableMap(namespaces);
    }

    /**
     * Where the root element's start tag is in the text: after the XML declaration, comments and processing
     * instructions; null when there is a DOCTYPE (refused anyway) or no element.
     *
     * @param start   index of its {@code <}
     * @param nameEnd index just after its name, where declarations can be inserted
     * @param tagEnd  index just after its {@code >} (or the end of the text)
     */
    private record RootTag(int start, int nameEnd, int tagEnd) {
        static RootTag find(String text) {
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("<?", i)) {
                    int end = text.indexOf("?>", i + 2);
                    if (end < 0) {
                        return null;
                    }
                    i = end + 2;
                } else if (text.startsWith("<!--", i)) {
                    int end = text.indexOf("-->", i + 4);
                    if (end < 0) {
                        return null;
                    }
                    i = end + 3;
                } else if (c == '<' && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                    int nameEnd = i + 1;
                    while (nameEnd < n && !Character.isWhitespace(text.charAt(nameEnd))
                            && text.charAt(nameEnd) != '>' && text.charAt(nameEnd) != '/') {
                        nameEnd++;
                    }
                    int tagEnd = text.indexOf('>', nameEnd);
                    return new RootTag(i, nameEnd, tagEnd < 0 ? n : tagEnd + 1);
                } else {
                    return null;   // a DOCTYPE, or text before the root: nothing to recover
                }
            }
            return null;
        }

        private static boolean isNameStart(char c) {
            return Character.isLetter(c) || c == '_';
        }
    }

    /** Rome's input, for its hardened SAX builder (no DOCTYPE, no external entities). */
    private static final class SecureRomeInput extends WireFeedInput {
        SAXBuilder saxBuilder() {
            return createSAXBuilder();
        }
    }
}
