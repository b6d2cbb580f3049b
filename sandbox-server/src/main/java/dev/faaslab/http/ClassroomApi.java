package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.classroom.ClassInfo;
import dev.faaslab.classroom.Classroom;
import dev.faaslab.classroom.Principal;
import dev.faaslab.classroom.SignedIn;
import dev.faaslab.classroom.Syllabus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * {@code /api/classroom}: who the browser is signed in as, and the ways in: the first instructor's set-up link,
 * an instructor's sign-in, a learner joining with a class's code, and signing out. In local mode there are no
 * accounts: the session says so, and the rest answers 404.
 */
final class ClassroomApi {

    private final Classroom classroom;
    private final boolean enabled;

    ClassroomApi(Classroom classroom, boolean enabled) {
        this.classroom = classroom;
        this.enabled = enabled;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/classroom/session", this::sessionHandler),
                new Route("POST", "/api/classroom/setup", this::setUpHandler),
                new Route("POST", "/api/classroom/sign-in", this::signInHandler),
                new Route("POST", "/api/classroom/sign-out", this::signOutHandler),
                new Route("POST", "/api/classroom/join", this::joinHandler));
    }

    /** What {@code GET /api/classroom/session} answers; the class is a learner's. */
    record Session(String mode, boolean signedIn, String role, String name, String csrfToken, String workspace,
                   String workspaceToken, ClassView classView) {
    }

    /** A learner's class as the learner sees it: what is open, what is due, whether it is paused. */
    record ClassView(String id, String title, Syllabus syllabus, boolean paused) {
    }

    private void sessionHandler(Exchange exchange) {
        if (!enabled) {
            exchange.json(200, new Session("local", false, null, null, null, null, null, null));
            return;
        }
        Optional<Principal> principal = ClassroomGate.principal(exchange.request);
        if (principal.isEmpty()) {
            exchange.json(200, new Session("classroom", false, null, null, null, null, null, null));
            return;
        }
        Principal p = principal.get();
        ClassView view = classroom.classOfWorkspace(p.workspace())
                .map(info -> new ClassView(info.id(), info.title(), info.syllabus(), info.paused())).orElse(null);
        exchange.json(200, new Session("classroom", true, p.role().label(), p.displayName(), p.csrfToken(),
                p.workspace().value(), classroom.workspaceToken(p.workspace()), view));
    }

    private void setUpHandler(Exchange exchange) throws Exception {
        JsonNode body = body(exchange, Set.of("token", "login", "name", "password"),
                "{\"token\":\"…\",\"login\":\"ada\",\"name\":\"Ada Lovelace\",\"password\":\"…\"}");
        signedIn(exchange, 200, classroom.setUp(JsonFields.text(body, "token"), JsonFields.text(body, "login"),
                JsonFields.text(body, "name"), JsonFields.text(body, "password")));
    }

    private void signInHandler(Exchange exchange) throws Exception {
        JsonNode body = body(exchange, Set.of("login", "password"), "{\"login\":\"ada\",\"password\":\"…\"}");
        signedIn(exchange, 200, classroom.signIn(JsonFields.text(body, "login"), JsonFields.text(body, "password"),
                Request.getRemoteAddr(exchange.request)));
    }

    private void joinHandler(Exchange exchange) throws Exception {
        JsonNode body = body(exchange, Set.of("code", "name"), "{\"code\":\"K7QM4TXP\",\"name\":\"Grace\"}");
        signedIn(exchange, 201, classroom.join(JsonFields.text(body, "code"), JsonFields.text(body, "name")));
    }

    private void signOutHandler(Exchange exchange) {
        requireEnabled();
        for (HttpCookie cookie : Request.getCookies(exchange.request)) {
            if (cookie.getName().equals(ClassroomGate.COOKIE)) {
                classroom.signOut(cookie.getValue());
            }
        }
        exchange.response.getHeaders().add(HttpHeader.SET_COOKIE, setCookie("", 0, exchange.request.isSecure()));
        exchange.empty(204);
    }

    private JsonNode body(Exchange exchange, Set<String> fields, String example) throws Exception {
        requireEnabled();
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, fields, example);
        return body;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw off();
        }
    }

    /** What every classroom route answers in local mode: 404, and how to run a class. */
    static ApiException off() {
        return new ApiException(404, "ClassroomOff", "this server runs for one learner, without accounts, classes or"
                + " LTI: start it with ./faaslab start --classroom to run a class");
    }

    private static void signedIn(Exchange exchange, int status, SignedIn signedIn) {
        exchange.response.getHeaders().add(HttpHeader.SET_COOKIE, setCookie(signedIn, exchange.request.isSecure()));
        Principal p = signedIn.principal();
        exchange.json(status, new Session("classroom", true, p.role().label(), p.displayName(), p.csrfToken(),
                p.workspace().value(), null, null));
    }

    /** The {@code Set-Cookie} value that signs a browser in, here and in an LTI launch's answer. */
    static String setCookie(SignedIn signedIn, boolean secure) {
        return setCookie(signedIn.cookie(), signedIn.lasts().toSeconds(), secure);
    }

    /** HttpOnly (no script reads it), SameSite=Lax (no other site's form sends it), Secure over HTTPS. */
    private static String setCookie(String value, long maxAgeSeconds, boolean secure) {
        return ClassroomGate.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    static ClassView view(ClassInfo info) {
        return new ClassView(info.id(), info.title(), info.syllabus(), info.paused());
    }
}
