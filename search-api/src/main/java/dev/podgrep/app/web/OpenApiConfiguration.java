package dev.podgrep.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the HTTP API, served by springdoc at {@code /v3/api-docs} with Swagger UI at
 * {@code /swagger-ui.html}. Operations and examples come from the controllers' annotations; admin operations refer
 * to the {@value #ADMIN_SCHEME} security scheme.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The bearer-token scheme of the admin endpoints. */
    public static final String ADMIN_SCHEME = "adminToken";

    @Bean
    OpenAPI podgrepOpenApi() {
        return new OpenAPI()
                .info(new Info().title("podgrep")
                        .description("Search podcast transcripts and jump to the second a word is spoken; "
                                + "export timed transcripts and cite exact quotes. Errors are "
                                + "application/problem+json with a detail that says what to fix.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes(ADMIN_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("podgrep.admin-token; without one configured, admin endpoints answer 403")));
    }
}
