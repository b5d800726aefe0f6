package dev.podgrep.app.ingestion;

import dev.podgrep.app.PodgrepProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts ingestion runs: on the {@code podgrep.ingest.cron} schedule ({@code -} disables it) and once when the
 * application is ready if {@code podgrep.ingest.on-startup} (in the background: the start never waits for it). When
 * the schedule fires while a run is still in progress (a first run through the archive's backlog takes long), that
 * run reads its feeds again so that new episodes are not held up by the backlog.
 */
@Component
public class IngestionScheduler {

    private static final Logger log = LoggerFactory.getLogger(IngestionScheduler.class);

    private final IngestionService ingestion;
    private final PodgrepProperties properties;

    public IngestionScheduler(IngestionService ingestion, PodgrepProperties properties) {
        this.ingestion = ingestion;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        String cron = properties.ingest().cron();
        log.info("Ingestion schedule: {}", "-".equals(cron) ? "disabled (podgrep.ingest.cron=-)" : "cron " + cron);
        if (properties.ingest().onStartup()) {
            ingestion.startInBackground("startup");
        }
    }

    @Scheduled(cron = "${podgrep.ingest.cron}")
    public void onSchedule() {
        if (!ingestion.startInBackground("schedule") && ingestion.readFeedsAgainDuringRun()) {
            log.info("The previous run is still working on its backlog: it reads the feeds again now and takes up"
                    + " what is new first");
        }
    }
}
