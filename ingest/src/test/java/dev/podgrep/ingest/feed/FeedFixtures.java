package dev.podgrep.ingest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fixture feeds under {@code src/test/resources/feeds/}, as raw bytes. */
public final class FeedFixtures {

    private FeedFixtures() {
    }

    /**
     * @param name a file name in {@code feeds/}, e.g. {@code naked-pravda-en.xml}
     * @return its bytes, untouched
     */
    public static byte[] bytes(String name) {
        try (InputStream in = FeedFixtures.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture feeds/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
