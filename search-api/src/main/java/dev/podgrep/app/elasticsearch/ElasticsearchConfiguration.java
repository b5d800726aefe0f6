package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
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

    /** The ES client's own Jackson 2 mapper; documents are records of strings and numbers (dates as ISO strings). */
    static JacksonJsonpMapper jsonpMapper() {
        return new JacksonJsonpMapper();
    }
}
