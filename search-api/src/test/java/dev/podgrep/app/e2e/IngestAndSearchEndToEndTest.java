package dev.podgrep.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podgrep.app.PodgrepApplication;
import dev.podgrep.app.elasticsearch.TestElasticsearch;
import dev.podgrep.ingest.episode.EpisodeId;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.podgrep.transcribe.format.PodcastingJsonTranscriptFormat;
import dev.podgrep.transcribe.format.PodgrepJsonTranscriptFormat;
import dev.podgrep.transcribe.format.WebVttTranscriptFormat;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;
import dev.podgrep.transcribe.audio.PcmDecoder;
import dev.podgrep.transcribe.audio.PcmStream;
import dev.podgrep.transcribe.testing.AudioEncoding;
import dev.podgrep.transcribe.testing.AudioFileTags;
import dev.podgrep.transcribe.vosk.VoskModel;
import dev.podgrep.transcribe.vosk.VoskTranscriber;
import dev.podgrep.transcribe.testing.ToneWordAudio;
import dev.podgrep.transcribe.testing.ToneWordModel;
import dev.podgrep.transcribe.transcript.TimedTranscript;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The main job end to end through the real parts (real Elasticsearch, real FFmpeg, real libvosk with the tiny
 * tone-word model, real HTTP on loopback), observed only through podgrep's HTTP API:
 * a feed of four episodes (two tone-word MP3s with known words at known times, one carrying a
 * {@code podcast:transcript} SRT, one with corrupt audio) and the model zip are served by MockWebServer; the
 * application downloads the model, ingests the feed at startup, and then answers searches, episodes, quotes and
 * exports; a second run downloads nothing; a restart on the same data dir still finds everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAndSearchEndToEndTest {

    private static final String FEED = "tone-radio";
    private static final String TOKEN = "e2e-secret-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ToneWordAudio FIRST = ToneWordAudio.parse(
            "silence 1.0, alpha 0.5, silence 0.3, charlie 0.6, silence 0.5, delta 0.5, silence 1.0");
    private static final ToneWordAudio SECOND = ToneWordAudio.parse(
            "silence 2.0, bravo 0.5, silence 1.0, delta 0.5, silence 0.4, alpha 0.6, silence 1.2");
    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:04,000
            Today we talk about Navalny and the sanctions.

            2
            00:00:05,000 --> 00:00:08,500
            The central bank raised the key rate.
            """;

    private static MockWebServer server;
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private static Path dataDir;
    private static String prefix;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static String firstSha256;

    private static final String GUID_FIRST = "tone-episode-1";
    private static final String GUID_SECOND = "tone-episode-2";
    private static final String GUID_SRT = "publisher-srt-episode";
    private static final String GUID_CORRUPT = "corrupt-episode";

    @BeforeAll
    static void serveFeedAudioAndModel() throws Exception {
        dataDir = Files.createTempDirectory("podgrep-e2e");
        prefix = TestElasticsearch.uniquePrefix("e2e");
        Path audio = Files.createDirectories(dataDir.resolve("fixtures"));
        byte[] first = Files.readAllBytes(FIRST.encode(audio.resolve("first.mp3"), AudioEncoding.mp3(44100, 2, 128)));
        firstSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first));
        byte[] second = Files.readAllBytes(SECOND.encode(audio.resolve("second.mp3"), AudioEncoding.mp3(44100, 2, 128)));
        byte[] srtAudio = first; // must never be downloaded: the publisher transcript wins
        byte[] corrupt = corruptMp3();
        byte[] modelZip = ToneWordModel.zip();
        String modelSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(modelZip));

        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return switch (path) {
                    case "/feed.xml" -> "\"feed-v1\"".equals(request.getHeaders().get("If-None-Match"))
                            ? new MockResponse.Builder().code(304).build()
                            : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                                    .addHeader("ETag", "\"feed-v1\"").body(feed()).build();
                    case "/audio/first.mp3" -> audio(first);
                    case "/audio/second.mp3" -> audio(second);
                    case "/audio/srt.mp3" -> audio(srtAudio);
                    case "/audio/corrupt.mp3" -> audio(corrupt);
                    case "/transcripts/srt.srt" -> new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/x-subrip").body(SRT).build();
                    case "/models/tone-words.zip" -> new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/zip").body(new okio.Buffer().write(modelZip)).build();
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        server.start();
        System.setProperty("podgrep.e2e.model-sha256", modelSha256);
        startApp();
        awaitIngestionFinished();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void eachToneWordIsFoundNearItsTrueTime() throws Exception {
        for (ToneWordAudio audio : List.of(FIRST, SECOND)) {
            String guid = audio == FIRST ? GUID_FIRST : GUID_SECOND;
            for (ToneWordAudio.ExpectedWord word : audio.expectedWords()) {
                JsonNode result = get("/api/search?q=" + word.word() + "&size=100");
                JsonNode hit = findHit(result, EpisodeId.of(FEED, guid));
                assertThat(hit).as("a hit for '%s' in %s: %s", word.word(), guid, result).isNotNull();
                assertThat(hit.path("matchSeconds").asDouble()).as("matchSeconds of %s", word.word())
                        .isCloseTo(word.start(), within(0.15));
                assertThat(hit.path("highlight").asText()).contains("<em>" + word.word() + "</em>");
                assertThat(hit.path("deepLink").asText()).isEqualTo(server.url("/audio/" + (audio == FIRST
                        ? "first" : "second") + ".mp3") + "#t=" + (long) Math.floor(hit.path("matchSeconds").asDouble()));
            }
        }
    }

    @Test
    @Order(2)
    void episodesEndInTheRightStateAndTheCorruptOneSaysWhy() throws Exception {
        for (String guid : List.of(GUID_FIRST, GUID_SECOND)) {
            JsonNode episode = get("/api/episodes/" + EpisodeId.of(FEED, guid));
            assertThat(episode.path("status").asText()).isEqualTo("INDEXED");
            assertThat(episode.path("transcriptSource").asText()).isEqualTo("asr");
        }
        JsonNode srt = get("/api/episodes/" + EpisodeId.of(FEED, GUID_SRT));
        assertThat(srt.path("status").asText()).isEqualTo("INDEXED");
        assertThat(srt.path("transcriptSource").asText()).isEqualTo("publisher");
        assertThat(requests.getOrDefault("/audio/srt.mp3", new AtomicInteger()).get())
                .as("the publisher transcript made the audio download unnecessary").isZero();

        JsonNode corrupt = get("/api/episodes/" + EpisodeId.of(FEED, GUID_CORRUPT));
        assertThat(corrupt.path("status").asText()).isEqualTo("FAILED");
        assertThat(corrupt.path("error").asText()).isNotBlank().doesNotContain("Exception")
                .containsIgnoringCase("cannot be decoded");
        assertThat(corrupt.path("attempts").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode hits = get("/api/search?q=navalny");
        JsonNode hit = findHit(hits, EpisodeId.of(FEED, GUID_SRT));
        assertThat(hit).as("the SRT episode is searchable: %s", hits).isNotNull();
        assertThat(hit.path("startSeconds").asDouble()).isEqualTo(1.0);
        assertThat(hit.path("matchSeconds").asDouble()).isBetween(1.0, 4.0);
    }

    @Test
    @Order(3)
    void aQuoteHoldsExactlyTheWordsOfItsWindow() throws Exception {
        // FIRST: alpha 1.0-1.5, charlie 1.8-2.4, delta 2.9-3.4: the window 1.7-3.5 holds charlie and delta
        JsonNode quote = get("/api/episodes/" + EpisodeId.of(FEED, GUID_FIRST) + "/quote?start=1.7&end=3.5");
        assertThat(quote.path("text").asText()).isEqualTo("charlie delta");
        assertThat(quote.path("startSeconds").asDouble()).isCloseTo(1.8, within(0.15));
        assertThat(quote.path("endSeconds").asDouble()).isCloseTo(3.4, within(0.15));
        assertThat(quote.path("words")).hasSize(2);
        assertThat(quote.path("citation").asText()).contains(FEED).contains("Tone episode one").contains("2026-01-05")
                .contains("00:01");
        String id = EpisodeId.of(FEED, GUID_FIRST);
        assertThat(quote.path("link").asText()).startsWith("http://127.0.0.1:" + port + "/episodes/" + id + "?t=1.")
                .contains("&end=3.");
        // provenance: which model recognised which exact audio file, when; the episode names the same model
        JsonNode provenance = quote.path("provenance");
        assertThat(provenance.path("transcriptSource").asText()).isEqualTo("asr");
        assertThat(provenance.path("audioSha256").asText()).isEqualTo(firstSha256);
        assertThat(provenance.path("model").asText()).isNotBlank()
                .isEqualTo(get("/api/episodes/" + id).path("model").asText());
        assertThat(java.time.Instant.parse(provenance.path("transcribedAt").asText()))
                .isBefore(java.time.Instant.now());

        JsonNode publisher = get("/api/episodes/" + EpisodeId.of(FEED, GUID_SRT) + "/quote?start=0&end=4.5")
                .path("provenance");
        assertThat(publisher.path("transcriptSource").asText()).isEqualTo("publisher");
        assertThat(publisher.path("model").isNull()).isTrue();
        assertThat(publisher.path("audioSha256").isNull()).isTrue();
        assertThat(publisher.path("transcribedAt").asText()).isNotBlank();
    }

    @Test
    @Order(4)
    void everyExportParsesBack() throws Exception {
        String id = EpisodeId.of(FEED, GUID_FIRST);
        TimedTranscript json = new PodgrepJsonTranscriptFormat().read(getText("/api/episodes/" + id
                + "/transcript?format=json", "application/json"));
        assertThat(json.words()).extracting(w -> w.text()).containsExactly("alpha", "charlie", "delta");
        PublisherTranscriptReader reader = new PublisherTranscriptReader();
        for (String format : List.of("srt", "vtt")) {
            String type = format.equals("srt") ? "application/x-subrip" : "text/vtt";
            TimedTranscript parsed = reader.read(type, getText("/api/episodes/" + id + "/transcript?format=" + format,
                    type), "en");
            assertThat(parsed.words()).extracting(w -> w.text()).containsExactly("alpha", "charlie", "delta");
            assertThat(parsed.segments().getFirst().start()).isCloseTo(json.segments().getFirst().start(),
                    within(0.001));
        }
        assertThat(getText("/api/episodes/" + id + "/transcript?format=txt", "text/plain"))
                .contains("alpha").contains("charlie").contains("delta");
    }

    @Test
    @Order(5)
    void theFeedIsRepublishedWithTranscriptsThatPodcastAppsRead() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/feeds/" + FEED + ".xml")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/rss+xml"));
        SyndFeed feed = new SyndFeedInput().build(new java.io.StringReader(response.body()));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Tone Radio (with transcripts)");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly(GUID_CORRUPT, GUID_SRT, GUID_SECOND, GUID_FIRST);   // newest first, original guids

        for (SyndEntry item : feed.getEntries()) {
            assertThat(item.getEnclosures()).singleElement().satisfies(e -> {
                assertThat(e.getUrl()).startsWith(server.url("/audio/").toString());   // the original audio
                assertThat(e.getType()).isEqualTo("audio/mpeg");
            });
            List<org.jdom2.Element> transcripts = item.getForeignMarkup().stream()
                    .filter(el -> el.getName().equals("transcript")).toList();
            if (item.getUri().equals(GUID_CORRUPT)) {
                assertThat(transcripts).as("a FAILED episode has no transcript").isEmpty();
                continue;
            }
            // AntennaPod's rules: the podcastindex.org namespace URI, url and type attributes, JSON preferred
            assertThat(transcripts).hasSize(2).allSatisfy(el -> assertThat(el.getNamespaceURI())
                    .isEqualTo("https://podcastindex.org/namespace/1.0"));
            String id = EpisodeId.of(FEED, item.getUri());
            String vttUrl = transcripts.stream().filter(el -> "text/vtt".equals(el.getAttributeValue("type")))
                    .findFirst().orElseThrow().getAttributeValue("url");
            String jsonUrl = transcripts.stream()
                    .filter(el -> "application/json".equals(el.getAttributeValue("type")))
                    .findFirst().orElseThrow().getAttributeValue("url");
            assertThat(vttUrl).isEqualTo(uri("/api/episodes/" + id + "/transcript?format=vtt").toString());
            assertThat(jsonUrl).startsWith(uri("/api/episodes/" + id + "/transcript?format=").toString());

            String vtt = getText(URI.create(vttUrl).getPath() + "?" + URI.create(vttUrl).getQuery(), "text/vtt");
            String json = getText(URI.create(jsonUrl).getPath() + "?" + URI.create(jsonUrl).getQuery(),
                    "application/json");
            JsonNode podcasting = JSON.readTree(json);
            assertThat(podcasting.path("version").asText()).isEqualTo("1.0.0");
            assertThat(podcasting.path("segments").get(0).has("startTime")).isTrue();
            assertThat(podcasting.path("segments").get(0).path("body").asText()).isNotBlank();
            TimedTranscript fromVtt = new WebVttTranscriptFormat().parse(vtt, "en");
            TimedTranscript fromJson = new PodcastingJsonTranscriptFormat().parse(json, "en");
            String expected = item.getUri().equals(GUID_SRT) ? "central" : "delta";
            assertThat(words(fromVtt)).as("VTT of %s", item.getUri()).contains(expected);
            assertThat(words(fromJson)).as("JSON of %s", item.getUri()).contains(expected);
        }

        // a feed reader polling an unchanged feed gets a 304 without a body
        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/feeds/" + FEED + ".xml"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(uri("/feeds/no-such-feed.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no feed named 'no-such-feed'");
    }

    @Test
    @Order(5)
    void aClipIsTheAudioOfExactlyTheWindowWithItsCitation() throws Exception {
        String id = EpisodeId.of(FEED, GUID_FIRST);
        // FIRST: alpha 1.0-1.5, charlie 1.8-2.4, delta 2.9-3.4; the window 1.7-2.6 holds charlie only
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                uri("/api/episodes/" + id + "/clip?start=1.7&end=2.6")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("attachment").contains(".mp3"));
        Path clip = Files.write(dataDir.resolve("clip.mp3"), response.body());

        try (PcmStream pcm = PcmDecoder.inProcess().open(clip)) {
            long bytes = pcm.transferTo(OutputStream.nullOutputStream());
            assertThat(bytes / (double) PcmDecoder.BYTES_PER_SECOND).as("duration").isCloseTo(0.9, within(0.05));
        }
        try (VoskModel model = VoskModel.load(ToneWordModel.writeTo(dataDir.resolve("clip-model")), "en")) {
            TimedTranscript heard = new VoskTranscriber(model, PcmDecoder.inProcess()).transcribe(clip);
            assertThat(words(heard)).containsExactly("charlie");
            assertThat(heard.segments().getFirst().words().getFirst().start()).isCloseTo(0.1, within(0.1));
        }
        assertThat(AudioFileTags.read(clip)).containsEntry("artist", FEED)
                .containsEntry("album", "Tone episode one")
                .containsEntry("title", get("/api/episodes/" + id + "/quote?start=1.7&end=2.6").path("citation")
                        .asText());

        assertThat(status("/api/episodes/" + id + "/clip?start=5&end=400")).isEqualTo(400);
        assertThat(status("/api/episodes/" + id + "/clip?start=3&end=2")).isEqualTo(400);
        assertThat(status("/api/episodes/" + id + "/clip?start=1")).isEqualTo(400);
        assertThat(status("/api/episodes/no-such-episode/clip?start=1&end=2")).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aClipIsCutFromAudioFetchedAgainWhenTheCacheNoLongerHoldsIt() throws Exception {
        String id = EpisodeId.of(FEED, GUID_SECOND);
        int before = count("/audio/second.mp3");
        try (var files = Files.list(dataDir.resolve("data").resolve("audio"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(id)).toList()) {
                Files.delete(f);   // what the cache does when it evicts an episode
            }
        }
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                uri("/api/episodes/" + id + "/clip?start=1.5&end=3")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("/audio/second.mp3")).as("fetched again once").isEqualTo(before + 1);
        HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(
                uri("/api/episodes/" + id + "/clip?start=1.5&end=3")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(count("/audio/second.mp3")).as("and kept in the cache").isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void aSearchIsAFeedOfTheNewestEpisodesThatMentionIt() throws Exception {
        // delta is said in FIRST (2.9 s, published Jan 5) and SECOND (3.5 s, published Jan 6)
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/search.rss?q=delta")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/rss+xml"));
        SyndFeed feed = new SyndFeedInput().build(new java.io.StringReader(response.body()));
        assertThat(feed.getTitle()).contains("delta");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Tone episode two", "Tone episode one");
        SyndEntry newest = feed.getEntries().getFirst();
        String second = EpisodeId.of(FEED, GUID_SECOND);
        assertThat(newest.getUri()).isEqualTo(uri("/episodes/" + second).toString());
        java.net.URI link = java.net.URI.create(newest.getLink());
        assertThat(link.getPath()).isEqualTo("/episodes/" + second);
        double t = Double.parseDouble(link.getQuery().replace("t=", ""));
        assertThat(t).as("a couple of seconds before the first mention").isCloseTo(3.5 - 2, within(0.2));
        assertThat(newest.getDescription().getValue()).contains("<em>");

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/api/search.rss?q=delta"))
                .header("If-None-Match", response.headers().firstValue("ETag").orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("a polling reader pays nothing for an unchanged feed").isEqualTo(304);
        SyndFeed charlie = new SyndFeedInput().build(new java.io.StringReader(HTTP.send(HttpRequest.newBuilder(
                uri("/api/search.rss?q=charlie")).build(), HttpResponse.BodyHandlers.ofString()).body()));
        assertThat(charlie.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Tone episode one");
        assertThat(status("/api/search.rss?q=")).isEqualTo(400);
        assertThat(status("/api/search.rss?q=delta&lang=fr")).isEqualTo(400);
    }

    @Test
    @Order(5)
    void theExportListsEveryOccurrenceInTheStoredTranscriptsOnce() throws Exception {
        List<String> episodes = List.of(EpisodeId.of(FEED, GUID_FIRST), EpisodeId.of(FEED, GUID_SECOND),
                EpisodeId.of(FEED, GUID_SRT));
        Map<String, TimedTranscript> stored = new java.util.LinkedHashMap<>();
        for (String id : episodes) {
            stored.put(id, new PodgrepJsonTranscriptFormat().read(getText("/api/episodes/" + id
                    + "/transcript?format=json", "application/json")));
        }
        for (String word : List.of("alpha", "bravo", "charlie", "delta", "navalny")) {
            List<String> expected = new java.util.ArrayList<>();
            stored.forEach((id, transcript) -> transcript.words().stream()
                    .filter(w -> w.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "").equals(word))
                    .forEach(w -> expected.add(id + "@" + Math.round(w.start() * 100))));
            assertThat(expected).as("the transcripts hold %s", word).isNotEmpty();

            String jsonl = getText("/api/search/export?format=jsonl&q=" + word, "application/x-ndjson");
            List<JsonNode> rows = new java.util.ArrayList<>();
            for (String line : jsonl.split("\n")) {
                rows.add(JSON.readTree(line));
            }
            assertThat(rows).extracting(r -> r.path("episodeId").asText() + "@"
                            + Math.round(r.path("matchSeconds").asDouble() * 100))
                    .as("every occurrence of %s, none twice", word)
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (JsonNode row : rows) {
                assertThat(row.path("match").asText().toLowerCase(java.util.Locale.ROOT)).contains(word);
                boolean publisher = row.path("episodeId").asText().equals(EpisodeId.of(FEED, GUID_SRT));
                assertThat(row.path("transcriptSource").asText()).isEqualTo(publisher ? "publisher" : "asr");
                assertThat(row.path("confidence").asDouble()).isBetween(0.0, 1.0);
                assertThat(row.path("link").asText()).startsWith("http://127.0.0.1:" + port + "/episodes/"
                        + row.path("episodeId").asText() + "?t=");
            }
        }
        // the publisher's sentence around the name, as the SRT gave it
        JsonNode navalny = JSON.readTree(getText("/api/search/export?format=jsonl&q=navalny", "application/x-ndjson")
                .strip());
        assertThat(navalny.path("before").asText()).isEqualTo("Today we talk about");
        assertThat(navalny.path("after").asText()).startsWith("and the sanctions.").contains("central bank");
        assertThat(navalny.path("confidence").asDouble()).isEqualTo(1.0);
    }

    private static int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> words(TimedTranscript transcript) {
        return transcript.segments().stream().flatMap(s -> s.words().stream())
                .map(w -> w.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "")).toList();
    }

    @Test
    @Order(6)
    void aSecondRunOnTheUnchangedFeedDownloadsNothing() throws Exception {
        int feedRequests = count("/feed.xml");
        int audioRequests = count("/audio/first.mp3") + count("/audio/second.mp3") + count("/audio/corrupt.mp3");
        int modelRequests = count("/models/tone-words.zip");
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(uri("/api/ingest"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        awaitIngestionFinished();
        assertThat(count("/feed.xml")).as("one conditional GET of the feed").isEqualTo(feedRequests + 1);
        assertThat(count("/audio/first.mp3") + count("/audio/second.mp3") + count("/audio/corrupt.mp3"))
                .as("no audio downloaded again").isEqualTo(audioRequests);
        assertThat(count("/models/tone-words.zip")).isEqualTo(modelRequests).isEqualTo(1);
    }

    @Test
    @Order(7)
    void afterARestartOnTheSameDataDirEverythingIsStillSearchable() throws Exception {
        app.close();
        startApp();
        JsonNode result = get("/api/search?q=charlie");
        assertThat(findHit(result, EpisodeId.of(FEED, GUID_FIRST))).isNotNull();
        assertThat(findHit(get("/api/search?q=navalny"), EpisodeId.of(FEED, GUID_SRT))).isNotNull();
        assertThat(count("/models/tone-words.zip")).as("the unpacked model is reused").isEqualTo(1);
    }

    // ---- fixtures and helpers ----

    private static void startApp() {
        app = new SpringApplicationBuilder(PodgrepApplication.class).run(
                "--server.port=0",
                "--podgrep.data-dir=" + dataDir.resolve("data"),
                "--podgrep.elasticsearch.url=" + TestElasticsearch.url(),
                "--podgrep.elasticsearch.index-prefix=" + prefix,
                "--podgrep.feeds[0].url=" + server.url("/feed.xml"),
                "--podgrep.feeds[0].name=" + FEED,
                "--podgrep.feeds[0].language=en",
                "--podgrep.vosk.models.en.url=" + server.url("/models/tone-words.zip"),
                "--podgrep.vosk.models.en.sha256=" + System.getProperty("podgrep.e2e.model-sha256"),
                "--podgrep.vosk.models.ru.url=" + server.url("/models/missing-ru.zip"),
                "--podgrep.ingest.on-startup=true",
                "--podgrep.ingest.cron=-",
                "--podgrep.admin-token=" + TOKEN);
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static void awaitIngestionFinished() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/api/ingest/status");
            if (!status.path("running").asBoolean() && status.path("lastRun").hasNonNull("finishedAt")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("ingestion did not finish within 3 minutes: " + get("/api/ingest/status"));
    }

    private static String feed() {
        String base = server.url("/").toString();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                     xmlns:podcast="https://podcastindex.org/namespace/1.0">
                <channel>
                  <title>Tone Radio</title>
                  <link>%1$s</link>
                  <description>Four episodes for the end-to-end test</description>
                  <item>
                    <title>Tone episode one</title><guid isPermaLink="false">%2$s</guid>
                    <pubDate>Mon, 05 Jan 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/first.mp3" type="audio/mpeg" length="100"/>
                  </item>
                  <item>
                    <title>Tone episode two</title><guid isPermaLink="false">%3$s</guid>
                    <pubDate>Tue, 06 Jan 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/second.mp3" type="audio/mpeg" length="100"/>
                  </item>
                  <item>
                    <title>Sanctions, with a transcript</title><guid isPermaLink="false">%4$s</guid>
                    <pubDate>Wed, 07 Jan 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/srt.mp3" type="audio/mpeg" length="100"/>
                    <podcast:transcript url="%1$stranscripts/srt.srt" type="application/x-subrip" language="en"/>
                  </item>
                  <item>
                    <title>Broken audio</title><guid isPermaLink="false">%5$s</guid>
                    <pubDate>Thu, 08 Jan 2026 06:00:00 +0000</pubDate>
                    <enclosure url="%1$saudio/corrupt.mp3" type="audio/mpeg" length="100"/>
                  </item>
                </channel>
                </rss>
                """.formatted(base, GUID_FIRST, GUID_SECOND, GUID_SRT, GUID_CORRUPT);
    }

    /** An ID3 header (so it passes the download's audio sniffing) followed by bytes no decoder accepts. */
    private static byte[] corruptMp3() {
        byte[] bytes = new byte[4096];
        byte[] id3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
        System.arraycopy(id3, 0, bytes, 0, id3.length);
        for (int i = id3.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 % 7);
        }
        return bytes;
    }

    private static MockResponse audio(byte[] bytes) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/mpeg")
                .body(new okio.Buffer().write(bytes)).build();
    }

    private static int count(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private static JsonNode findHit(JsonNode result, String episodeId) {
        for (JsonNode hit : result.path("hits")) {
            if (episodeId.equals(hit.path("episodeId").asText())) {
                return hit;
            }
        }
        return null;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String getText(String path, String contentType) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(contentType));
        return r.body();
    }
}
