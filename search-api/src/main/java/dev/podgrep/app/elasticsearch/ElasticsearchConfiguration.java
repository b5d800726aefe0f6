package dev.podgrep.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.podgrep.app.PodgrepProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Elasticsearch connection (local node or external cluster) and the Java API clients on it:
 * <ul>
 *   <li>{@code ElasticsearchClient} (primary, unqualified): the standard client, for ingestion, episode and feed
 *       state and every write;</li>
 *   <li>{@code @SearchClient ElasticsearchClient}: for user searches, with its own pool and timeout.</li>
 * </ul>
 * Both belong to {@link ElasticsearchClients}, which closes them; {@link ElasticsearchConnection} says whether the
 * node is available (and tells listeners when it goes away and comes back). podgrep's indices exist once the
 * clients are handed out.
 */
@Configuration(proxyBeanMethods = false)
public class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    ElasticsearchConnection elasticsearchConnection(PodgrepProperties properties,
                                                    ObjectProvider<EarlyElasticsearchStart> earlyStart) {
        EarlyElasticsearchStart early = earlyStart.getIfAvailable();
        return early != null ? early.connection() : ElasticsearchConnection.open(properties);
    }

    @Bean(destroyMethod = "close")
    ElasticsearchClients elasticsearchClients(ElasticsearchConnection connection, PodgrepProperties properties,
                                              IndexNames names) {
        PodgrepProperties.ElasticsearchProperties es = properties.elasticsearch();
        ElasticsearchClients clients = new ElasticsearchClients(connection,
                ElasticsearchClients.ClientSettings.standard(es), ElasticsearchClients.ClientSettings.search(es));
        try {
            IndexBootstrap.ensureAll(clients.standard(), names.all()); // one request when they exist already
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /** The standard client (ingestion, state, writes); closed by {@link ElasticsearchClients}. */
    @Bean(destroyMethod = "")
    @Primary
    ElasticsearchClient elasticsearchClient(ElasticsearchClients clients) {
        return clients.standard();
    }

    /** The search client ({@link SearchClient}); closed by {@link ElasticsearchClients}. */
    @Bean(name = SearchClient.BEAN_NAME, destroyMethod = "")
    @SearchClient
    ElasticsearchClient searchElasticsearchClient(ElasticsearchClients clients) {
        return clients.search();
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
