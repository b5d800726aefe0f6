package dev.podgrep.app.web;

/**
 * The page of a listing a request asks for ({@code page}, {@code size}), validated by the one rule every listing
 * shares: {@code page >= 0}, {@code 1 <= size <= maxSize}, and no deeper than the first {@value #MAX_WINDOW} items
 * (Elasticsearch's result window: deeper pages are refused with a hint, never silently empty).
 *
 * @param page 0-based page
 * @param size items per page
 */
public record PageWindow(int page, int size) {

    /** How far into a listing pages may reach. */
    public static final int MAX_WINDOW = 10_000;

    /**
     * @param maxSize the listing's largest page
     * @param narrow  what to do instead of paging deeper, for the error's detail (e.g. "narrow the query")
     * @throws BadRequestException naming the parameter that is out of range
     */
    public static PageWindow of(int page, int size, int maxSize, String narrow) {
        if (page < 0) {
            throw new BadRequestException("parameter 'page' must be 0 or more, was " + page);
        }
        if (size < 1 || size > maxSize) {
            throw new BadRequestException("parameter 'size' must be between 1 and " + maxSize + ", was " + size);
        }
        if ((long) (page + 1) * size > MAX_WINDOW) {
            throw new BadRequestException("parameter 'page' " + page + " of size " + size + " goes beyond the first "
                    + MAX_WINDOW + " results; " + narrow + " instead");
        }
        return new PageWindow(page, size);
    }

    /** Index of the page's first item. */
    public int from() {
        return page * size;
    }
}
