package dev.podgrep.ingest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Show notes and titles as plain text: HTML tags dropped (block elements and {@code <br>} become line breaks),
 * scripts, styles and comments dropped with their content, character references decoded ({@code &laquo;},
 * {@code &#8212;}, {@code &#x2014;}), whitespace tidied. Line breaks in the source count as spaces when the text has
 * markup (HTML), and are kept when it has none (plain text).
 *
 * <p>HTML is parsed with jsoup, whose work grows linearly with the input (the regular expressions used before were
 * quadratic: a description of repeated {@code <!--} took seconds at 64 KB and minutes at 1 MB). Text without markup
 * keeps its angle brackets ({@code "a < b"}) and its unknown references ({@code &unknown;}) as they are.
 *
 * <p>Bounded on any input: only the first {@value #MAX_INPUT_CHARS} characters of a fragment are looked at, and at
 * most {@value #MAX_TEXT_CHARS} characters of text are kept; longer text is cut at a word boundary and ends with
 * {@code …}.
 */
public final class HtmlText {

    /** Most characters of text kept from one description or title; a longer one is cut and ends with {@code …}. */
    public static final int MAX_TEXT_CHARS = 5_000;

    /**
     * Most characters of a fragment looked at (64 Ki, more than ten times the text kept, so that markup-heavy show
     * notes still fill it); anything after is ignored. It bounds the work per description, and so per feed.
     */
    public static final int MAX_INPUT_CHARS = 64 * 1024;

    private static final Set<String> DROPPED_WITH_CONTENT = Set.of(
            "script", "style", "head", "title", "template");
    private static final Set<String> LINE_BREAKING = Set.of(
            "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
            "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "br");
    private static final Pattern REFERENCE = Pattern.compile(
            "&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));");
    private static final Pattern HTML_WHITESPACE = Pattern.compile("[ \\t\\n\\f\\r]+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0\\u2007\\u202F]+");
    private static final Pattern SPACE_AROUND_NEWLINE = Pattern.compile(" ?\\n ?");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Map<String, Integer> NAMED = loadNamedReferences();

    private HtmlText() {
    }

    /**
     * Converts an HTML fragment (or plain text that may contain character references) to plain text.
     *
     * @param html the fragment, may be null
     * @return plain text with at most one blank line between paragraphs, trimmed, at most
     *         {@value #MAX_TEXT_CHARS} characters; null for null input
     */
    public static String toPlainText(String html) {
        if (html == null) {
            return null;
        }
        String input = html.length() > MAX_INPUT_CHARS ? html.substring(0, MAX_INPUT_CHARS) : html;
        input = input.replace("\r\n", "\n").replace('\r', '\n');
        String text = null;
        if (input.indexOf('<') >= 0) {
            Element body = Jsoup.parseBodyFragment(input).body();
            if (hasMarkup(body)) {
                text = render(body);
            }
        }
        if (text == null) {
            text = decodeReferences(input);   // plain text, perhaps with a lonely '<': keeps its line breaks
        }
        return cap(tidyWhitespace(text));
    }

    /**
     * Decodes character references only, leaving anything that looks like markup alone; for titles, which are
     * plain text but sometimes carry references such as {@code &#8217;}.
     *
     * @param text the text, may be null
     * @return the decoded text on one line, trimmed; null for null input
     */
    public static String decodeLine(String text) {
        if (text == null) {
            return null;
        }
        String input = text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
        return cap(SPACES.matcher(decodeReferences(input).replaceAll("\\s+", " ")).replaceAll(" ").trim());
    }

    static String decodeReferences(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int codePoint;
            if (m.group(1) != null) {
                codePoint = Integer.parseInt(m.group(1));
            } else if (m.group(2) != null) {
                codePoint = Integer.parseInt(m.group(2), 16);
            } else {
                codePoint = NAMED.getOrDefault(m.group(3), -1);
            }
            String replacement = isUsable(codePoint) ? Character.toString(codePoint) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isUsable(int codePoint) {
        return codePoint > 0 && Character.isValidCodePoint(codePoint)
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    /** Whether the parsed fragment holds any markup at all: an element, a comment, a processing instruction... */
    private static boolean hasMarkup(Element body) {
        for (Node child : body.childNodes()) {
            if (!(child instanceof TextNode)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of the tree: block elements and {@code <br>} as line breaks, source whitespace as single spaces. Stops
     * once more visible characters than can be kept have been collected (the output is bounded by the input anyway).
     */
    private static String render(Element body) {
        StringBuilder out = new StringBuilder();
        int[] visible = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String t = HTML_WHITESPACE.matcher(text.getWholeText()).replaceAll(" ");
                    out.append(t);
                    visible[0] += t.length() - (int) t.chars().filter(c -> c == ' ').count();
                } else if (node instanceof Element element && node != body) {
                    String name = element.normalName();
                    if (DROPPED_WITH_CONTENT.contains(name)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (LINE_BREAKING.contains(name)) {
                        out.append('\n');
                    }
                } else if (!(node instanceof Element)) {
                    return FilterResult.SKIP_ENTIRELY;   // comments, data, doctype-like nodes
                }
                return visible[0] > MAX_TEXT_CHARS ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element element && node != body && !element.normalName().equals("br")
                        && LINE_BREAKING.contains(element.normalName())) {
                    out.append('\n');
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        return out.toString();
    }

    /** At most {@link #MAX_TEXT_CHARS} characters, cut after the last whole word when there is one nearby. */
    private static String cap(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int end = MAX_TEXT_CHARS - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int space = end;
        while (space > MAX_TEXT_CHARS - 200 && !Character.isWhitespace(text.charAt(space))) {
            space--;
        }
        if (Character.isWhitespace(text.charAt(space))) {
            end = space;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    private static String tidyWhitespace(String text) {
        String t = SPACES.matcher(text).replaceAll(" ");
        t = SPACE_AROUND_NEWLINE.matcher(t).replaceAll("\n");
        t = BLANK_LINES.matcher(t).replaceAll("\n\n");
        return t.strip();
    }

    private static Map<String, Integer> loadNamedReferences() {
        Properties table = new Properties();
        try (InputStream in = HtmlText.class.getResourceAsStream("html-entities.properties")) {
            if (in == null) {
                throw new IllegalStateException("html-entities.properties is missing from the ingest jar");
            }
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read html-entities.properties", e);
        }
        Map<String, Integer> named = new HashMap<>();
        table.forEach((name, codePoint) -> named.put((String) name, Integer.parseInt(((String) codePoint).trim())));
        return Map.copyOf(named);
    }
}
