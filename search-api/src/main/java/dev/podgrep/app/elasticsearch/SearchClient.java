package dev.podgrep.app.elasticsearch;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code ElasticsearchClient} for user searches (its own connection pool and response timeout, see
 * {@link ElasticsearchClients}): {@code SearchService(@SearchClient ElasticsearchClient client, …)}. An
 * unqualified {@code ElasticsearchClient} is the standard client, for ingestion and state writes.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier(SearchClient.BEAN_NAME)
public @interface SearchClient {

    /** The bean's name, for {@code @Qualifier} where the annotation cannot be used. */
    String BEAN_NAME = "searchElasticsearchClient";
}
