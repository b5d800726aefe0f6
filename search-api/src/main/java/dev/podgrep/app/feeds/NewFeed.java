package dev.podgrep.app.feeds;

/**
 * The body of {@code POST /api/feeds}.
 *
 * @param url      RSS/Atom URL, http or https, without user name or password
 * @param name     short unique slug ({@code a-z}, {@code 0-9}, single {@code -} between words, at most 40
 *                 characters), shown with every hit and part of every episode id
 * @param language {@code en} or {@code ru}
 */
public record NewFeed(String url, String name, String language) {
}
