package dev.podgrep.app.episodes;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.podgrep.app.elasticsearch.IndexNames;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.transcribe.transcript.TranscriptSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by the first podgrep versions (flat documents in {@code -episodes-v1}) is upgraded at start to the
 * current layout: every episode kept with its state and claim, the alias moved, the old index gone.
 */
class EpisodeStoreUpgradeTest {

    private static final String INDEXED_V1 = """
            {"id":"feed-a-1","guid":"g1","title":"Indexed one","feed":"feed-a","language":"en",
             "publishedAt":"2026-01-02T10:00:00Z","audioUrl":"https://x/1.mp3","episodeUrl":"https://x/1",
             "durationSeconds":61.5,"status":"INDEXED","error":"publisher transcript unusable","attempts":1,
             "transcriptSource":"asr","description":"notes","transcripts":[{"url":"https://x/1.srt",
             "type":"application/srt","language":null,"rel":null}],"errorRetryable":false,
             "audioFile":"/data/audio/feed-a-1.mp3","audioFileUrl":"https://x/1.mp3","segments":7,
             "removedFromFeed":false,"firstSeenAt":"2026-01-02T11:00:00Z","lastSeenAt":"2026-01-03T11:00:00Z",
             "updatedAt":"2026-01-03T11:00:01Z","indexedAt":"2026-01-02T11:05:00Z"}""";
    private static final String CLAIMED_V1 = """
            {"id":"feed-a-2","guid":"g2","title":"Claimed one","feed":"feed-a","language":"en",
             "audioUrl":"https://x/2.mp3","status":"DOWNLOADED","attempts":0,"errorRetryable":false,
             "claimedBy":"host/42/abc","claimExpiresAt":"2099-01-01T00:00:00Z","removedFromFeed":true,
             "firstSeenAt":"2026-01-02T11:00:00Z","lastSeenAt":"2026-01-02T11:00:00Z",
             "updatedAt":"2026-01-02T11:00:00Z"}""";

    @Test
    void aVersionOneStoreIsUpgradedWithEveryEpisodeAndItsState() throws Exception {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.uniquePrefix("upgrade"));
        String v1 = names.episodes() + "-v1";
        try (InputStream mapping = getClass().getResourceAsStream("/elasticsearch/episodes-v1.json")) {
            client.indices().create(c -> c.index(v1).withJson(mapping).aliases(names.episodes(), a -> a));
        }
        client.index(i -> i.index(v1).id("feed-a-1").withJson(new StringReader(INDEXED_V1)));
        client.index(i -> i.index(v1).id("feed-a-2").withJson(new StringReader(CLAIMED_V1)));
        client.indices().refresh(r -> r.index(v1));

        EpisodeStore store = new EpisodeStore(client, names, Duration.ofMinutes(10), 3, Clock.systemUTC());

        EpisodeRecord indexed = store.find("feed-a-1").orElseThrow();
        assertThat(indexed.listing().publishedAt()).isEqualTo(Instant.parse("2026-01-02T10:00:00Z"));
        assertThat(indexed.listing().durationSeconds()).isEqualTo(61.5);
        assertThat(indexed.listing().transcripts()).singleElement()
                .satisfies(t -> assertThat(t.url()).isEqualTo("https://x/1.srt"));
        assertThat(indexed.status()).isEqualTo(EpisodeStatus.INDEXED);
        assertThat(indexed.state().transcriptSource()).isEqualTo(TranscriptSource.ASR);
        assertThat(indexed.state().attempts()).isEqualTo(1);
        assertThat(indexed.state().segments()).isEqualTo(7);
        assertThat(indexed.state().indexedAt()).isEqualTo(Instant.parse("2026-01-02T11:05:00Z"));
        assertThat(indexed.claim()).isNull();
        EpisodeRecord claimed = store.find("feed-a-2").orElseThrow();
        assertThat(claimed.claim()).isEqualTo(new Claim("host/42/abc", Instant.parse("2099-01-01T00:00:00Z")));
        assertThat(claimed.listing().removedFromFeed()).isTrue();
        assertThat(store.list("feed-a", null, 0, 10).total()).as("listed from the new index").isEqualTo(2);
        assertThat(client.indices().exists(e -> e.index(v1)).value()).as("old index removed").isFalse();
        assertThat(client.indices().getAlias(a -> a.name(names.episodes())).aliases())
                .containsOnlyKeys(names.episodes() + "-v2");

        // a second start finds the current version and changes nothing
        new EpisodeStore(client, names, Duration.ofMinutes(10), 3, Clock.systemUTC());
        assertThat(store.find("feed-a-1").orElseThrow()).isEqualTo(indexed);
    }
}
