package dev.faaslab.http;

import dev.faaslab.classroom.lti.DeepLinkForm;
import dev.faaslab.classroom.lti.DeepLinkItem;
import dev.faaslab.classroom.lti.LaunchHandler;
import dev.faaslab.classroom.lti.LaunchReply;
import dev.faaslab.classroom.lti.LoginRequest;
import dev.faaslab.classroom.lti.LtiTool;
import dev.faaslab.runtime.Payloads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The LTI 1.3 tool's doors, which platforms and browsers use (the protocol is {@link LtiTool}'s):
 * {@code GET|POST /lti/login} starts a launch, {@code POST /lti/launch} finishes it and hands it to the
 * {@link LaunchHandler}, {@code GET /lti/jwks} publishes the tool's keys, {@code POST /lti/deep-link} returns an
 * instructor's choice to the platform. Platforms send forms, not JSON, so these routes read forms.
 */
public final class LtiRoutes {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String HTML = "text/html;charset=utf-8";

    private final LtiTool tool;
    private final LaunchHandler launches;

    public LtiRoutes(LtiTool tool, LaunchHandler launches) {
        this.tool = tool;
        this.launches = launches;
    }

    /** The routes, for {@link WebServer}'s table. */
    List<Route> routes() {
        return List.of(
                new Route("GET", "/lti/login", this::loginHandler),
                new Route("POST", "/lti/login", this::loginHandler),
                new Route("POST", "/lti/launch", this::launchHandler),
                new Route("GET", "/lti/jwks", this::jwksHandler),
                new Route("POST", "/lti/deep-link", this::deepLinkHandler));
    }

    /** The routes as a Jetty handler of their own, with the API's body reading and error shape. */
    public Handler handler() {
        return new BodyLoader(new Router(routes()), Payloads.MAX_BYTES, 64L << 20);
    }

    private void loginHandler(Exchange exchange) {
        MultiMap<String> form = exchange.request.getMethod().equals("POST") ? form(exchange) : null;
        LoginRequest request = new LoginRequest(field(exchange, form, "iss"), field(exchange, form, "login_hint"),
                field(exchange, form, "target_link_uri"), field(exchange, form, "lti_message_hint"),
                field(exchange, form, "client_id"), field(exchange, form, "lti_deployment_id"));
        redirect(exchange, tool.login(request), List.of());
    }

    private void launchHandler(Exchange exchange) {
        MultiMap<String> form = form(exchange);
        LaunchReply reply = tool.launch(form.getValue("id_token"), form.getValue("state"), launches);
        switch (reply) {
            case LaunchReply.Redirect redirect -> redirect(exchange, redirect.location(), redirect.setCookies());
            case LaunchReply.Page page -> {
                page.setCookies().forEach(cookie -> exchange.response.getHeaders().add(HttpHeader.SET_COOKIE, cookie));
                exchange.send(page.status(), HTML, page.html().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void jwksHandler(Exchange exchange) {
        // Platforms fetch it now and then; an hour's caching spares them, and a new key is met by refetching.
        exchange.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
        exchange.send(200, "application/json", tool.keys().publicJwks().getBytes(StandardCharsets.UTF_8));
    }

    private void deepLinkHandler(Exchange exchange) {
        MultiMap<String> form = form(exchange);
        String session = required(form, "deep_link_session");
        String title = required(form, "title");
        String url = required(form, "url");
        URI target;
        try {
            target = url.startsWith("/") ? tool.endpoints().resolve(url) : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("url", "url must be a URL or a path of this server, not '" + url + "'");
        }
        DeepLinkItem.LineItem lineItem = null;
        String maximum = form.getValue("score_maximum");
        if (maximum != null && !maximum.isBlank()) {
            try {
                lineItem = new DeepLinkItem.LineItem(Double.parseDouble(maximum), form.getValue("label"),
                        form.getValue("resource_id"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("score_maximum", "score_maximum must be a number above 0, not '"
                        + maximum + "'");
            }
        }
        DeepLinkItem item;
        try {
            item = new DeepLinkItem(title, target, form.getValue("text"), lineItem);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("url", e.getMessage());
        }
        DeepLinkForm answer = tool.deepLink(session, List.of(item));
        exchange.send(200, HTML, answer.html().getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(Exchange exchange, URI location, List<String> cookies) {
        exchange.response.getHeaders().put(HttpHeader.LOCATION, location.toString());
        cookies.forEach(cookie -> exchange.response.getHeaders().add(HttpHeader.SET_COOKIE, cookie));
        exchange.empty(302);
    }

    /** A form-posted body; 415 for anything else. */
    private static MultiMap<String> form(Exchange exchange) {
        String type = exchange.header(HttpHeader.CONTENT_TYPE.asString());
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw new ApiException(415, "UnsupportedMediaType", exchange.request.getMethod() + " "
                    + exchange.request.getHttpURI().getPath() + " takes a form (" + FORM + "), as LTI platforms post"
                    + " it, not " + (type == null ? "no Content-Type" : type), Map.of("expected", FORM));
        }
        MultiMap<String> fields = new MultiMap<>();
        UrlEncoded.decodeTo(new String(exchange.body(), StandardCharsets.UTF_8), fields, StandardCharsets.UTF_8);
        return fields;
    }

    /** A login parameter: from the form when posted, else from the query. */
    private static String field(Exchange exchange, MultiMap<String> form, String name) {
        return form != null ? form.getValue(name) : exchange.query(name);
    }

    private static String required(MultiMap<String> form, String name) {
        String value = form.getValue(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badField(name, "the form has no " + name + ": the deep-linking picker must send it");
        }
        return value;
    }
}
