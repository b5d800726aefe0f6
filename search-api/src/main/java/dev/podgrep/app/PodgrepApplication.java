package dev.podgrep.app;

import dev.podgrep.app.elasticsearch.EarlyElasticsearchStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** podgrep: podcast feeds → Vosk transcripts → Elasticsearch → timestamped search hits. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PodgrepApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PodgrepApplication.class);
        // the local Elasticsearch node starts while the context is built, not after it (issue 15)
        application.addListeners(new EarlyElasticsearchStart());
        application.run(args);
    }
}
