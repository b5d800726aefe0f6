package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.ingest.feed.FeedReader;
import dev.podgrep.ingest.fetch.AudioDownloader;
import dev.podgrep.ingest.fetch.FeedFetcher;
import dev.podgrep.ingest.fetch.FetchSettings;
import dev.podgrep.ingest.fetch.IngestHttpClient;
import dev.podgrep.transcribe.format.PublisherTranscriptReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ingest library's pieces as beans (one shared HTTP client), and scheduling for the ingestion cron. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IngestionConfiguration {

    @Bean(destroyMethod = "close")
    IngestHttpClient ingestHttpClient(PodgrepProperties properties) {
        PodgrepProperties.IngestProperties ingest = properties.ingest();
        FetchSettings defaults = FetchSettings.defaults();
        return new IngestHttpClient(defaults.withMaxAttempts(ingest.fetchAttempts())
                .withBackoff(ingest.fetchBackoff(), ingest.fetchBackoff().multipliedBy(30))
                .withAllowPrivateNetworks(ingest.allowPrivateNetworks()));
    }

    @Bean
    FeedFetcher feedFetcher(IngestHttpClient http) {
        return new FeedFetcher(http);
    }

    @Bean
    FeedReader feedReader() {
        return new FeedReader();
    }

    @Bean
    AudioDownloader audioDownloader(IngestHttpClient http, PodgrepProperties properties) {
        return new AudioDownloader(http, properties.dataDir().resolve("audio"), properties.ingest().maxAudioBytes());
    }

    @Bean
    PublisherTranscriptReader publisherTranscriptReader() {
        return new PublisherTranscriptReader();
    }

    @Bean
    TranscriptFiles transcriptFiles(PodgrepProperties properties) {
        return new TranscriptFiles(properties.dataDir().resolve("transcripts"));
    }
}
