package dev.podgrep.app.feeds;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.elasticsearch.IndexMigration;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.ingest.episode.EpisodeId;
import dev.podgrep.ingest.feed.Feed;
import dev.podgrep.ingest.fetch.FeedValidators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The feeds podgrep ingests — those configured in {@code podgrep.feeds} plus those added at runtime with
 * {@code POST /api/feeds} (persisted in the feeds index, so they survive restarts) — and the fetch state of each:
 * the conditional-GET validators of the last document read, when it was fetched, the last error.
 */
@Component
public class FeedRegistry {

    static final int MAPPING_VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(FeedRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> LANGUAGES = Set.of("en", "ru");
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_PROBLEMS_KEPT = 50;

    private final ElasticsearchClient client;
    private final String alias;
    private final List<Feed> configured;
    private final Clock clock;

    @Autowired
    public FeedRegistry(ElasticsearchClient client, IndexNames names, PodgrepProperties properties) {
        this(client, names, properties.feeds().stream().map(f -> new Feed(f.url(), f.name(), f.language())).toList(),
                Clock.systemUTC());
    }

    /**
     * @param configured the feeds of the configuration
     */
    public FeedRegistry(ElasticsearchClient client, IndexNames names, List<Feed> configured, Clock clock) {
        this.client = client;
        this.alias = names.feeds();
        this.configured = List.copyOf(configured);
        this.clock = clock;
        // version 2 added title and the move fields; version 1 documents read as version 2 ones
        IndexMigration.ensure(client, alias, MAPPING_VERSION, "/elasticsearch/feeds-v2.json",
                new IndexMigration.Upgrade<>(1, FeedRecord.class, r -> r));
    }

    /**
     * Every feed to ingest: the configured ones in their order, then those added with the API by name; each at the
     * URL it declared it moved to, if it did; not those an operator stopped.
     */
    public List<Feed> feeds() {
        return list().stream().filter(f -> !f.isStopped()).map(FeedRecord::toFeed).toList();
    }

    /** Every feed with its fetch state (a feed never fetched has only its definition). */
    public List<FeedRecord> list() {
        Map<String, FeedRecord> byName = new LinkedHashMap<>();
        stored().forEach(r -> byName.put(r.name(), r));
        Map<String, FeedRecord> records = new LinkedHashMap<>();
        for (Feed feed : configured) {
            FeedRecord stored = byName.get(feed.name());
            records.putIfAbsent(feed.name(), stored != null ? stored.withDefinition(feed)
                    : FeedRecord.of(feed, FeedRecord.CONFIGURATION, null));
        }
        for (FeedRecord stored : byName.values()) {
            if (FeedRecord.API.equals(stored.origin())) {
                records.putIfAbsent(stored.name(), stored);
            }
        }
        return List.copyOf(records.values());
    }

    /** The stored state of a feed, if it was ever fetched or added. */
    public Optional<FeedRecord> state(String name) {
        return get(name).map(Versioned::record);
    }

    /**
     * Adds a feed at runtime and persists it.
     *
     * @return the stored feed
     * @throws InvalidFeedException   when a field is missing or not acceptable (the message names it)
     * @throws DuplicateFeedException when a feed of that name exists (configured or added) and is not stopped; a
     *                                stopped one is resumed
     */
    public FeedRecord add(NewFeed request) {
        Feed feed = validate(request);
        Optional<Versioned> stopped = get(feed.name()).filter(v -> v.record().isStopped());
        if (stopped.isPresent()) {
            return resume(feed, stopped.get());
        }
        if (configured.stream().anyMatch(f -> f.name().equals(feed.name()))) {
            throw new DuplicateFeedException(feed.name());
        }
        FeedRecord record = FeedRecord.of(feed, FeedRecord.API, clock.instant());
        try {
            client.create(c -> c.index(alias).id(feed.name()).document(record).refresh(Refresh.True));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new DuplicateFeedException(feed.name());
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("add feed " + feed.name(), e);
        }
        log.info("Feed '{}' ({}, {}) added; the next ingestion run fetches it", feed.name(), feed.url(),
                feed.language());
        return record;
    }

    /** A stopped feed added again: resumed with the URL and language given now, its fetch state kept. */
    private FeedRecord resume(Feed feed, Versioned stopped) {
        FeedRecord resumed = stopped.record().withDefinition(feed).stopped(null);
        try {
            client.index(i -> i.index(alias).id(feed.name()).document(resumed).ifSeqNo(stopped.seqNo())
                    .ifPrimaryTerm(stopped.primaryTerm()).refresh(Refresh.True));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new DuplicateFeedException(feed.name());
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("resume feed " + feed.name(), e);
        }
        log.info("Feed '{}' ({}) resumed; the next ingestion run fetches it", feed.name(), feed.url());
        return resumed;
    }

    /**
     * Stops ingesting a feed (admin): it is not fetched any more; its episodes stay searchable. A configured feed
     * stays stopped across restarts until it is added again with {@code POST /api/feeds}.
     *
     * @return false when podgrep knows no feed of that name
     */
    public boolean stop(String name) {
        Optional<FeedRecord> known = list().stream().filter(f -> f.name().equals(name)).findFirst();
        if (known.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        update(known.get().toFeed(), r -> r.isStopped() ? r : r.stopped(now));
        refresh();
        log.info("Feed '{}' stopped: no longer fetched; its episodes stay searchable", name);
        return true;
    }

    /** Forgets a stopped feed altogether (its purge): only a configured feed's definition remains. */
    public void forget(String name) {
        try {
            client.delete(d -> d.index(alias).id(name).refresh(Refresh.True));
        } catch (IOException e) {
            throw unavailable("delete feed " + name, e);
        }
    }

    private void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw unavailable("refresh the feeds", e);
        }
    }

    /** The validators to send when fetching {@code feed} (none when never read, or read from another URL). */
    public FeedValidators validators(Feed feed) {
        return state(feed.name()).map(r -> r.validatorsFor(feed.url())).orElse(FeedValidators.NONE);
    }

    /**
     * The feed's document was fetched and read: stores its validators (only now, see FeedFetcher) and title.
     *
     * @param title the feed's own title, or null when it has none
     */
    public void recordRead(Feed feed, FeedValidators validators, String title, int episodes, List<String> problems) {
        Instant now = clock.instant();
        List<String> kept = problems.size() > MAX_PROBLEMS_KEPT ? problems.subList(0, MAX_PROBLEMS_KEPT) : problems;
        update(feed, r -> r.fetched(validators, feed.url(), title, now, episodes, kept));
    }

    /**
     * The feed declared that it moved ({@code <itunes:new-feed-url>}, a {@code <redirect><newLocation>}
     * document): the next fetches go to {@code newUrl}; its episodes stay as they are (their ids do not depend on
     * the URL).
     */
    public void recordMove(Feed feed, String newUrl) {
        Instant now = clock.instant();
        update(feed, r -> r.moved(newUrl, now));
        log.info("Feed '{}' moved from {} to {}; fetched from there from now on", feed.name(), feed.url(), newUrl);
    }

    /** The server said 304 Not Modified. */
    public void recordNotModified(Feed feed, FeedValidators validators) {
        Instant now = clock.instant();
        update(feed, r -> r.notModified(validators, now));
    }

    /** The fetch or the read failed; the validators stay as they were. */
    public void recordFailure(Feed feed, String error) {
        Instant now = clock.instant();
        update(feed, r -> r.failed(error, now));
    }

    static Feed validate(NewFeed request) {
        if (request == null) {
            throw new InvalidFeedException("the body must be a JSON object with url, name and language");
        }
        String url = request.url() == null ? "" : request.url().strip();
        if (url.isEmpty()) {
            throw new InvalidFeedException("url is required: the RSS or Atom URL of the feed");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidFeedException("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidFeedException("url '" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidFeedException("url must be an http or https URL, was '" + url + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFeedException("url must not contain a user name or password (credentials in feed URLs"
                    + " would be stored and shown); use a URL without them");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidFeedException("url '" + url + "' has no host");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw new InvalidFeedException("name is required: a short slug such as 'the-naked-pravda'");
        }
        if (!NAME.matcher(name).matches() || name.length() > EpisodeId.MAX_SLUG_LENGTH) {
            throw new InvalidFeedException("name '" + name + "' must be a slug: lower-case letters a-z, digits and"
                    + " single '-' between them, at most " + EpisodeId.MAX_SLUG_LENGTH + " characters");
        }
        String language = request.language() == null ? "" : request.language().strip();
        if (!LANGUAGES.contains(language)) {
            throw new InvalidFeedException("language must be 'en' or 'ru', was '" + language + "'");
        }
        return new Feed(url, name, language);
    }

    private void update(Feed feed, UnaryOperator<FeedRecord> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Versioned> current = get(feed.name());
            try {
                if (current.isEmpty()) {
                    FeedRecord created = change.apply(FeedRecord.of(feed, FeedRecord.CONFIGURATION,
                            clock.instant()));
                    client.create(c -> c.index(alias).id(feed.name()).document(created).refresh(Refresh.True));
                } else {
                    FeedRecord changed = change.apply(current.get().record().withDefinition(feed));
                    client.index(i -> i.index(alias).id(feed.name()).document(changed)
                            .ifSeqNo(current.get().seqNo()).ifPrimaryTerm(current.get().primaryTerm())
                            .refresh(Refresh.True));
                }
                return;
            } catch (ElasticsearchException e) {
                if (e.status() != 409) {
                    throw e;
                }
            } catch (IOException e) {
                throw unavailable("update feed " + feed.name(), e);
            }
        }
        throw new IllegalStateException("feed " + feed.name() + " kept changing under 10 attempts to update it");
    }

    private List<FeedRecord> stored() {
        try {
            return client.search(s -> s.index(alias).size(1000).sort(o -> o.field(f -> f.field("name"))),
                    FeedRecord.class).hits().hits().stream().map(Hit::source).toList();
        } catch (IOException e) {
            throw unavailable("read the feeds", e);
        }
    }

    private Optional<Versioned> get(String name) {
        try {
            GetResponse<FeedRecord> response = client.get(g -> g.index(alias).id(name), FeedRecord.class);
            return response.found() && response.source() != null
                    ? Optional.of(new Versioned(response.source(), response.seqNo(), response.primaryTerm()))
                    : Optional.empty();
        } catch (IOException e) {
            throw unavailable("read feed " + name, e);
        }
    }

    private static UncheckedIOException unavailable(String what, IOException e) {
        return new UncheckedIOException("Elasticsearch did not answer: cannot " + what + ": " + e.getMessage(), e);
    }

    private record Versioned(FeedRecord record, long seqNo, long primaryTerm) {
    }
}
