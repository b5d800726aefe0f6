package org.elasticsearch.io.ansi;

import java.util.function.Supplier;

/**
 * Stand-in for the ANSI console loader of the ES distribution (not on Maven Central): no ANSI console.
 */
public class AnsiConsoleLoader implements Supplier<Object> {
    @Override
    public Object get() {
        return null;
    }
}
