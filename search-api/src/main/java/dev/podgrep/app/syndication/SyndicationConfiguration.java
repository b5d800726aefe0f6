package dev.podgrep.app.syndication;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Conditional GET for the feeds apps and readers poll: an ETag computed from the body (a strong one), and 304 Not
 * Modified without a body when {@code If-None-Match} names it. The feed is still assembled for each request; what an
 * unchanged poll saves is the transfer, which is what readers polling every few minutes cost.
 */
@Configuration(proxyBeanMethods = false)
class SyndicationConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> feedEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/feeds/*", "/api/search.rss");
        registration.setName("feedEtags");
        return registration;
    }
}
