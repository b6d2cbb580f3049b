package dev.faaslab.http;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps web pages that are not the server's own from using it. The server has no login, and any page the learner
 * visits can send requests to 127.0.0.1; two checks, before anything else runs, refuse them with 403:
 *
 * <ul>
 *   <li>the {@code Host} must be one of {@link AllowedHosts} ({@code HostNotAllowed}), against DNS rebinding;
 *   <li>a request that changes something (any method but GET, HEAD and OPTIONS) that a browser marks as coming
 *       from another site, by {@code Sec-Fetch-Site} or by an {@code Origin} that is not the server's own,
 *       is refused ({@code CrossOriginRequest}), as Go's {@code http.CrossOriginProtection} does. Programs that are
 *       not browsers (curl, the CLI, the AWS SDKs) send neither header and are let through.
 * </ul>
 */
final class OriginGuard extends Handler.Wrapper {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AllowedHosts hosts;

    OriginGuard(Handler next, AllowedHosts hosts) {
        super(next);
        this.hosts = hosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!hosts.allows(host)) {
            return refuse(request, response, callback, new ApiException(403, "HostNotAllowed", "this server answers"
                    + " to " + hosts.describe() + "; not to '" + AllowedHosts.name(host) + "', which a web page could"
                    + " have pointed at it. To reach it by that name on purpose (a LAN or a classroom), start it with"
                    + " ./faaslab start --allowed-hosts " + AllowedHosts.name(host)));
        }
        // An LTI launch is a form an LMS's page posts here on purpose; its state, nonce and signed id_token are what
        // make it safe, and /lti/ changes nothing else.
        if (!SAFE_METHODS.contains(request.getMethod()) && !request.getHttpURI().getPath().startsWith("/lti/")) {
            String from = foreignSource(request, host);
            if (from != null) {
                return refuse(request, response, callback, new ApiException(403, "CrossOriginRequest",
                        request.getMethod() + " " + request.getHttpURI().getPath() + " came from " + from + ": the"
                        + " server takes changes only from its own pages, and from programs that are not browsers"
                        + " (curl, the CLI, the AWS SDKs), so that no web site you visit can use it"));
            }
        }
        return super.handle(request, response, callback);
    }

    /** Where a browser says the request came from, when that is another site; null when it is this one, or unsaid. */
    static String foreignSource(Request request, String host) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null) {
            // A browser that sends it knows best: same-origin, or none (the learner typed the address).
            return site.equals("same-origin") || site.equals("none") ? null
                    : "a page of another site (Sec-Fetch-Site: " + site + ")";
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || host != null && sameAuthority(origin, host)) {
            return null;
        }
        return "a page at " + origin + " (its Origin), not one of this server's";
    }

    /** Whether {@code origin} is {@code http(s)://} followed by exactly the request's Host. */
    private static boolean sameAuthority(String origin, String host) {
        try {
            URI uri = new URI(origin);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host.trim())
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        } catch (java.net.URISyntaxException e) {
            return false; // "null", or nonsense: no page of ours
        }
    }

    private static boolean refuse(Request request, Response response, Callback callback, ApiException refusal) {
        if (BodyLoader.hasBody(request) && request.getConnectionMetaData().getHttpVersion().getVersion() < 20) {
            // Refused before its body is read (the body loader is inside this guard), so Jetty closes the connection
            // after the answer: saying so keeps a client from sending its next request on it, to no answer at all.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        new Exchange(request, response, callback, Map.of()).error(refusal);
        return true;
    }
}
