package dev.podgrep.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** podgrep: podcast feeds → Vosk transcripts → Elasticsearch → timestamped search hits. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PodgrepApplication {

    public static void main(String[] args) {
        SpringApplication.run(PodgrepApplication.class, args);
    }
}
