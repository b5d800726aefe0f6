package dev.podgrep.app.health;

import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.app.admin.AdminAuthenticationException;
import dev.podgrep.app.admin.AdminTokenInterceptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;

/**
 * Who may see the details of {@code /actuator/health}. Anonymous callers get the statuses only (overall and per
 * component): no addresses, ports, paths or exception texts. A caller with the admin bearer token
 * ({@code Authorization: Bearer <podgrep.admin-token>}, checked by the admin package's own
 * {@link AdminTokenInterceptor}) is made an authenticated principal for the request, so Spring's
 * {@code management.endpoint.health.show-details: when-authorized} shows it the details. A wrong token is not an
 * error here: it gets the anonymous view.
 */
@Component
class AdminHealthDetailsFilter extends OncePerRequestFilter {

    static final String ADMIN = "podgrep-admin";

    private final AdminTokenInterceptor adminCheck;

    AdminHealthDetailsFilter(PodgrepProperties properties) {
        this.adminCheck = new AdminTokenInterceptor(properties.adminToken());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") != null && isAdmin(request, response)) {
            chain.doFilter(new AdminRequest(request), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean isAdmin(HttpServletRequest request, HttpServletResponse response) {
        try {
            // the interceptor lets reads through unchecked: ask it as for a state-changing request
            return adminCheck.preHandle(new HttpServletRequestWrapper(request) {
                @Override
                public String getMethod() {
                    return "POST";
                }
            }, response, this);
        } catch (AdminAuthenticationException notAdmin) {
            return false;
        }
    }

    /** The request of the admin: an authenticated principal in every role. */
    private static final class AdminRequest extends HttpServletRequestWrapper {
        private static final Principal PRINCIPAL = () -> ADMIN;

        AdminRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return PRINCIPAL;
        }

        @Override
        public boolean isUserInRole(String role) {
            return true;
        }
    }
}
