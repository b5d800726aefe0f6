package dev.podgrep.app.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * Guards the admin endpoints ({@code POST /api/ingest}, {@code POST /api/feeds}, and any other state-changing
 * method under those paths; see {@link AdminConfiguration}) with {@code Authorization: Bearer <podgrep.admin-token>}.
 *
 * <ul>
 *   <li>No token configured ({@code podgrep.admin-token} empty or blank): <b>403</b> for every admin request,
 *       whatever it sends; the endpoints are disabled, not merely locked.</li>
 *   <li>No {@code Authorization} header, or not a {@code Bearer} one: <b>401</b> with
 *       {@code WWW-Authenticate: Bearer realm="podgrep"}.</li>
 *   <li>A wrong token: <b>401</b> with {@code WWW-Authenticate: Bearer realm="podgrep", error="invalid_token"}
 *       (RFC 6750).</li>
 *   <li>The right token: the request proceeds.</li>
 * </ul>
 * Tokens are compared in constant time: both are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the configured token leaks through
 * timing. {@code GET}, {@code HEAD} and {@code OPTIONS} pass (e.g. {@code GET /api/ingest/status} is public).
 * Refusals are thrown as {@link AdminAuthenticationException} and rendered as problem+json by the API's exception
 * handler.
 */
public class AdminTokenInterceptor implements HandlerInterceptor {

    static final String CHALLENGE = "Bearer realm=\"podgrep\"";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] expectedDigest;

    /** @param adminToken the configured {@code podgrep.admin-token}; null or blank disables admin endpoints */
    public AdminTokenInterceptor(String adminToken) {
        this.expectedDigest = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READ_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return true;
        }
        if (expectedDigest == null) {
            throw new AdminAuthenticationException(HttpStatus.FORBIDDEN, null,
                    "Admin endpoints are disabled: no podgrep.admin-token is configured.");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = bearerToken(header);
        if (token == null) {
            throw new AdminAuthenticationException(HttpStatus.UNAUTHORIZED, CHALLENGE,
                    "This admin endpoint needs the header 'Authorization: Bearer <podgrep.admin-token>'.");
        }
        if (!MessageDigest.isEqual(expectedDigest, sha256(token))) {
            throw new AdminAuthenticationException(HttpStatus.UNAUTHORIZED, CHALLENGE + ", error=\"invalid_token\"",
                    "The bearer token is not the configured podgrep.admin-token.");
        }
        return true;
    }

    /** The token of a {@code Bearer} authorization header (scheme case-insensitive), or null. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() <= 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
