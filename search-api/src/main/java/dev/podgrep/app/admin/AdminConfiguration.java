package dev.podgrep.app.admin;

import dev.podgrep.app.PodgrepProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link AdminTokenInterceptor} in front of the admin endpoints. The guard is by path, not by controller, so
 * it also covers admin controllers added later under these paths.
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration implements WebMvcConfigurer {

    /** The guarded path patterns (state-changing methods only; reads pass). */
    public static final String[] ADMIN_PATHS = {"/api/ingest", "/api/ingest/**", "/api/feeds", "/api/feeds/**",
            "/api/episodes/**", "/api/retranscribe"};

    private final PodgrepProperties properties;

    public AdminConfiguration(PodgrepProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminTokenInterceptor(properties.adminToken())).addPathPatterns(ADMIN_PATHS);
    }
}
