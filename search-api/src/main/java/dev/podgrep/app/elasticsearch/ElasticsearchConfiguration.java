package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.podgrep.app.PodgrepProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Elasticsearch connection (local node or external cluster) and the Java API client on it. */
@Configuration(proxyBeanMethods = false)
public class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    ElasticsearchConnection elasticsearchConnection(PodgrepProperties properties) {
        return ElasticsearchConnection.open(properties);
    }

    @Bean(destroyMethod = "close")
    Rest5Client elasticsearchRestClient(ElasticsearchConnection connection) {
        return Rest5Client.builder(connection.address()).build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(Rest5Client restClient) {
        return new ElasticsearchClient(new Rest5ClientTransport(restClient, jsonpMapper()));
    }

    @Bean
    IndexNames indexNames(PodgrepProperties properties) {
        return new IndexNames(properties.elasticsearch().indexPrefix());
    }

    /**
     * The ES client's Jackson 2 mapper for podgrep's documents (records; {@code java.time} values as ISO-8601
     * strings, which Elasticsearch's {@code date} fields read).
     */
    public static JacksonJsonpMapper jsonpMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return new JacksonJsonpMapper(mapper);
    }
}
