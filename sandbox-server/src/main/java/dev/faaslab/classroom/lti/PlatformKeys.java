package dev.faaslab.classroom.lti;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platforms' public keys, fetched from their JWKS URLs and cached. A key id the cache does not know makes it
 * fetch again (a platform that rotated its key), at most once every few seconds per platform, so that tokens
 * with made-up key ids cannot make the tool hammer the platform.
 */
final class PlatformKeys {

    /** How long a fetched set is trusted before it is fetched again. */
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    /** The default shortest time between two fetches of one platform's keys. */
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(5);

    private final HttpResourceRetriever retriever;
    private final Duration minRefetchInterval;
    private final Map<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    /** {@code minRefetchInterval}: zero fetches whenever a key id is unknown (tests that rotate keys often). */
    PlatformKeys(HttpClient http, Duration minRefetchInterval) {
        this.retriever = new HttpResourceRetriever(http, FETCH_TIMEOUT);
        this.minRefetchInterval = minRefetchInterval;
    }

    /** The keys of the platform at {@code jwksUrl} that match the JWS header's key id and algorithm. */
    List<JWK> matching(URI jwksUrl, JWSHeader header) throws KeySourceException {
        return sources.computeIfAbsent(jwksUrl, this::source)
                .get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
    }

    private JWKSource<SecurityContext> source(URI jwksUrl) {
        try {
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), retriever)
                    .cache(CACHE_TTL.toMillis(), FETCH_TIMEOUT.toMillis())
                    .refreshAheadCache(false)
                    .retrying(false);
            return (minRefetchInterval.isZero() ? builder.rateLimited(false)
                    : builder.rateLimited(minRefetchInterval.toMillis())).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS URL " + jwksUrl + " is not a URL", e);
        }
    }
}
