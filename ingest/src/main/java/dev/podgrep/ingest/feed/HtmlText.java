package dev.podgrep.ingest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Show notes and titles as plain text: HTML tags dropped (block elements and {@code <br>} become line breaks),
 * character references decoded ({@code &laquo;}, {@code &#8212;}, {@code &#x2014;}), whitespace tidied. Line breaks
 * in the source count as spaces when the text has tags (HTML), and are kept when it has none (plain text).
 *
 * <p>Only things that look like tags ({@code <p>}, {@code </a>}, {@code <br/>}, comments) are removed, so text such
 * as {@code "a < b"} survives. Named references outside the HTML 4 set are left as they are rather than guessed.
 */
public final class HtmlText {

    private static final Pattern DROPPED_WITH_CONTENT = Pattern.compile(
            "<!--.*?-->|<(script|style|head)\\b[^>]*>.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK = Pattern.compile(
            "<br\\s*/?>|</?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|tr|table|section|article|header|footer"
                    + "|figure|figcaption|hr)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9:-]*(?:\\s[^>]*)?/?>|<![^>]*>|<\\?[^>]*>");
    private static final Pattern REFERENCE = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));");
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
     * @return plain text with at most one blank line between paragraphs, trimmed; null for null input
     */
    public static String toPlainText(String html) {
        if (html == null) {
            return null;
        }
        String text = html.replace("\r\n", "\n").replace('\r', '\n');
        if (TAG.matcher(text).find()) {
            text = text.replace('\n', ' ');   // in HTML a line break in the source is just a space
        }
        text = DROPPED_WITH_CONTENT.matcher(text).replaceAll(" ");
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decodeReferences(text);
        return tidyWhitespace(text);
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
        return SPACES.matcher(decodeReferences(text).replaceAll("\\s+", " ")).replaceAll(" ").trim();
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
