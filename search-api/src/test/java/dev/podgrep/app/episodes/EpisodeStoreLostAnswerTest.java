package dev.podgrep.app.episodes;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.podgrep.app.elasticsearch.AnswerDroppingProxy;
import dev.podgrep.app.elasticsearch.ElasticsearchClients;
import dev.podgrep.app.elasticsearch.ElasticsearchConfiguration;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.ingest.episode.Enclosure;
import dev.podgrep.ingest.episode.Episode;
import dev.podgrep.ingest.episode.EpisodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write of episode state whose answer is lost: Elasticsearch applied it, then the connection broke before the
 * answer came back (the node died right after applying it, or the network between podgrep and the cluster broke).
 * The holder does not know its write landed; the next write it makes (or the client's own retry on another node of
 * the cluster) conflicts with it. The store recognises its own write instead of taking the conflict for a lost claim:
 * the episode is neither skipped nor left claimed until its claim lapses. Played with {@link AnswerDroppingProxy}
 * in front of the real local node.
 */
class EpisodeStoreLostAnswerTest {

    private static final String HOLDER = "instance-1";

    private final AtomicBoolean dropNextAnswer = new AtomicBoolean();
    private final List<AnswerDroppingProxy> proxies = new java.util.ArrayList<>();
    private final List<Rest5Client> clients = new java.util.ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Rest5Client client : clients) {
            client.close();
        }
        for (AnswerDroppingProxy proxy : proxies) {
            proxy.close();
        }
    }

    /** A store whose client reaches the node through {@code nodes} proxies (several: the "nodes of a cluster"). */
    private EpisodeStore storeThroughProxies(int nodes, String prefix) {
        List<URI> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            AnswerDroppingProxy proxy = new AnswerDroppingProxy(TestElasticsearch.node().httpAddress(), dropNextAnswer);
            proxies.add(proxy);
            addresses.add(proxy.address());
        }
        Rest5Client rest = ElasticsearchClients.restClient(addresses,
                new ElasticsearchClients.ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4));
        clients.add(rest);
        ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest,
                ElasticsearchConfiguration.jsonpMapper()));
        EpisodeStore store = new EpisodeStore(client, new IndexNames(prefix), Duration.ofMinutes(30), 3,
                Clock.systemUTC());
        store.recordListing("feed-a", List.of(new Episode(EpisodeId.of("feed-a", "g1"), "feed-a", "en", "g1", "One",
                Instant.parse("2026-01-01T10:00:00Z"), null, null,
                new Enclosure("https://cdn.example.org/1.mp3", "audio/mpeg", 10), 60.0, List.of())));
        return store;
    }

    private int dropped() {
        return proxies.stream().mapToInt(AnswerDroppingProxy::answersDropped).sum();
    }

    @Test
    void aClaimWhoseAnswerWasLostIsTakenUpAgainByItsHolderNotSkipped() {
        EpisodeStore store = storeThroughProxies(1, TestElasticsearch.uniquePrefix("lost-claim"));
        String id = EpisodeId.of("feed-a", "g1");
        store.beforeClaimWrite(() -> dropNextAnswer.set(true));

        Optional<EpisodeClaim> claim;
        try {
            claim = store.claim(id, HOLDER);
        } catch (UncheckedIOException lost) {
            store.beforeClaimWrite(() -> { });
            claim = store.claim(id, HOLDER);   // what the ingestion worker does: it tries again once answered
        }

        assertThat(dropped()).as("the claim's answer was lost").isEqualTo(1);
        assertThat(claim).as("its own claim, taken up again").isPresent();
        assertThat(claim.get().episode().state().attempts()).as("one attempt, not two").isEqualTo(1);
        store.downloaded(claim.get(), "/data/audio/g1.mp3", "https://cdn.example.org/1.mp3");
        store.release(claim.get(), null);
        EpisodeRecord after = store.find(id).orElseThrow();
        assertThat(after.claim()).isNull();
        assertThat(after.status()).isEqualTo(EpisodeStatus.DOWNLOADED);
        assertThat(after.state().attempts()).isZero();
    }

    @Test
    void aStateWriteWhoseAnswerWasLostDoesNotLoseTheClaimOnTheNextWrite() {
        EpisodeStore store = storeThroughProxies(1, TestElasticsearch.uniquePrefix("lost-write"));
        String id = EpisodeId.of("feed-a", "g1");
        EpisodeClaim claim = store.claim(id, HOLDER).orElseThrow();

        dropNextAnswer.set(true);
        try {
            store.downloaded(claim, "/data/audio/g1.mp3", "https://cdn.example.org/1.mp3");
        } catch (UncheckedIOException lost) {
            // the node applied it; podgrep did not hear so, and gives the episode back (as the pipeline does)
        }
        assertThat(dropped()).isEqualTo(1);
        store.release(claim, "waiting: Elasticsearch did not answer");

        EpisodeRecord after = store.find(id).orElseThrow();
        assertThat(after.claim()).as("given back, not left claimed until the claim lapses").isNull();
        assertThat(after.status()).as("the unanswered write landed").isEqualTo(EpisodeStatus.DOWNLOADED);
        assertThat(after.state().attempts()).isZero();
        assertThat(after.state().transcriptNote()).isEqualTo("waiting: Elasticsearch did not answer");
    }

    @Test
    void onAClusterTheClientsRetryOfAWriteThatLandedIsNotAConflict() {
        // two "nodes" (two proxies to one node): the answer through the first is lost, the client retries the same
        // request on the other, which refuses it as a conflict with itself
        EpisodeStore store = storeThroughProxies(2, TestElasticsearch.uniquePrefix("lost-retried"));
        String id = EpisodeId.of("feed-a", "g1");
        store.beforeClaimWrite(() -> dropNextAnswer.set(true));

        Optional<EpisodeClaim> claim = store.claim(id, HOLDER);

        assertThat(dropped()).isEqualTo(1);
        assertThat(claim).as("the claim the retry conflicted with is its own").isPresent();
        assertThat(claim.get().episode().state().attempts()).isEqualTo(1);

        dropNextAnswer.set(true);
        store.downloaded(claim.get(), "/data/audio/g1.mp3", "https://cdn.example.org/1.mp3");
        assertThat(dropped()).isEqualTo(2);
        store.indexed(claim.get(), Provenance.asr("vosk-model-test", "00ff", Instant.now()), 2, null);

        EpisodeRecord after = store.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(after.claim()).isNull();
        assertThat(after.state().attempts()).isZero();
    }
}
