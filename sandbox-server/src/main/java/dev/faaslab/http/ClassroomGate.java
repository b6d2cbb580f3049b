package dev.faaslab.http;

import dev.faaslab.classroom.ClassInfo;
import dev.faaslab.classroom.Classroom;
import dev.faaslab.classroom.Principal;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Who may reach which route in classroom mode, decided before any route runs: the session (a signed cookie, or
 * a workspace token for programs) says who a request comes from; public routes need none, instructors' routes
 * an instructor, everything else anyone signed in, acting on their own workspace. Changes made with a cookie
 * must carry the session's CSRF token. A learner's requests that run code count against the class's
 * invocations per minute and stop while the class is paused.
 */
final class ClassroomGate extends Handler.Wrapper {

    static final String COOKIE = "faaslab_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where the principal a request comes from is kept for the routes' {@link WorkspaceResolver}. */
    static final String PRINCIPAL = "faaslab.principal";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Routes anyone may reach: the server's health, its API's description, signing in and joining. */
    private static final Pattern PUBLIC = Pattern.compile(
            "/health|/api/openapi\\.json|/api/classroom/(session|setup|sign-in|sign-out|join)|/lti/.*");
    private static final Pattern INSTRUCTORS = Pattern.compile("/api/(classes|lti)(/.*)?");
    /** Requests that run a learner's code now, as the quota counts them. */
    private static final Pattern RUNS_CODE = Pattern.compile(
            "/fn/.*|/api/functions/[^/]+/invoke|/2015-03-31/functions/[^/]+/invocations");
    /** A learner's own live stream, which every page of theirs with the class bar opens. */
    private static final String LIVE_STREAM = "/api/events";
    /** A lesson or an exercise a learner opens, by id: refused when the class has it closed. */
    private static final Pattern COURSE_ITEM = Pattern.compile("/api/(lessons|exercises)/([^/]+)(/.*)?");

    private final Classroom classroom;
    private final Clock clock;
    private final Map<WorkspaceId, Window> windows = new ConcurrentHashMap<>();

    /** One learner's invocations in the current minute. */
    private static final class Window {
        long startNanos;
        int count;
    }

    ClassroomGate(Handler next, Classroom classroom, Clock clock) {
        super(next);
        this.classroom = classroom;
        this.clock = clock;
    }

    static WorkspaceResolver resolver() {
        return request -> {
            if (request.getAttribute(PRINCIPAL) instanceof Principal principal) {
                return principal.workspace();
            }
            throw signInRequired(request.getHttpURI().getPath());
        };
    }

    /** The principal the gate found for this request, if any. */
    static Optional<Principal> principal(Request request) {
        return request.getAttribute(PRINCIPAL) instanceof Principal principal ? Optional.of(principal)
                : Optional.empty();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        boolean byCookie = false;
        String bearer = bearer(request);
        Optional<Principal> found = bearer == null ? Optional.empty() : classroom.bearer(bearer);
        if (found.isEmpty()) {
            String cookie = cookie(request);
            found = cookie == null ? Optional.empty() : classroom.principal(cookie);
            byCookie = found.isPresent();
        }
        found.ifPresent(principal -> request.setAttribute(PRINCIPAL, principal));
        if (PUBLIC.matcher(path).matches()) {
            return super.handle(request, response, callback);
        }
        try {
            Principal principal = found.orElseThrow(() -> signInRequired(path));
            if (byCookie && !SAFE_METHODS.contains(method)
                    && !principal.csrfToken().equals(request.getHeaders().get(CSRF_HEADER))) {
                throw new ApiException(403, "CsrfTokenInvalid", method + " " + path + " came without this session's"
                        + " CSRF token in the " + CSRF_HEADER + " header: FaaS Lab's pages send it; a page of another"
                        + " site cannot. Reload the page if it has been open since you last signed in");
            }
            if (INSTRUCTORS.matcher(path).matches() && !principal.instructor()) {
                throw new ApiException(403, "InstructorsOnly", path + " is for a class's instructors; you are signed"
                        + " in as a learner");
            }
            if (!principal.instructor()) {
                boolean runs = learnerChecks(principal, method, path, bearer != null && classroom.generated(bearer));
                if (classroom.active(principal) || !runs && !SAFE_METHODS.contains(method)) {
                    Runnable tell = () -> classroom.hub(principal.classId())
                            .publish(new StreamEvent.LearnerActivity(principal.id(), method + " " + path));
                    if (path.equals(LIVE_STREAM)) {
                        // The stream answers only when the page closes, and changes nothing: told as it opens.
                        tell.run();
                        return super.handle(request, response, callback);
                    }
                    // Told once the route has answered, so that the dashboard that reads the row again finds the change.
                    return super.handle(request, response, Callback.from(callback, tell));
                }
            }
        } catch (ApiException | dev.faaslab.classroom.ClassroomException refusal) {
            new Exchange(request, response, callback, Map.of()).error((dev.faaslab.core.Problem) refusal);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Refuses what the learner's class does not allow now; answers whether the request runs their code. */
    private boolean learnerChecks(Principal learner, String method, String path, boolean fromGenerator) {
        Optional<ClassInfo> info = classroom.classOfWorkspace(learner.workspace());
        var item = COURSE_ITEM.matcher(path);
        if (item.matches() && info.isPresent() && !info.get().syllabus().open(item.group(2))) {
            throw new ApiException(403, "NotOpen", "your instructor has not opened '" + item.group(2) + "' yet");
        }
        if (item.matches() && item.group(1).equals("exercises") && "/solution".equals(item.group(3))) {
            java.time.Instant due = info.map(c -> c.syllabus().due().get(item.group(2))).orElse(null);
            if (due == null || java.time.Instant.ofEpochMilli(clock.epochMillis()).isBefore(due)) {
                throw new ApiException(403, "SolutionClosed", "in a class the reference solution opens after the"
                        + " exercise is due" + (due == null ? ", and your instructor has set no due date" : " (" + due
                        + ")") + ": the hints are there meanwhile");
            }
        }
        boolean runs = RUNS_CODE.matcher(path).matches();
        // Starting the traffic generator runs nothing itself (its requests are counted as they come), but a paused
        // class starts none.
        boolean startsTraffic = path.equals("/api/traffic") && method.equals("POST");
        if (!runs && !startsTraffic || info.isEmpty()) {
            return runs;
        }
        if (info.get().paused()) {
            throw new ApiException(423, "ClassPaused", "your instructor has paused the class: functions do not run"
                    + " until they resume it");
        }
        if (fromGenerator || startsTraffic) {
            return runs; // the traffic generator keeps to the class's traffic rate itself
        }
        int limit = info.get().quotas().invocationsPerMinute();
        Window window = windows.computeIfAbsent(learner.workspace(), key -> new Window());
        long now = clock.nanoTime();
        synchronized (window) {
            if (now - window.startNanos >= MINUTE_NANOS || window.count == 0) {
                window.startNanos = now;
                window.count = 0;
            }
            if (window.count >= limit) {
                long retry = Math.max(1, (window.startNanos + MINUTE_NANOS - now) / 1_000_000_000L);
                throw new ApiException(429, "QuotaExceeded", "your class allows " + limit + " invocations a minute,"
                        + " and this minute's are used: wait " + retry + " s, or send fewer (a burst of the traffic"
                        + " generator counts only its own rate)", Map.of("quota", "invocationsPerMinute", "limit", limit,
                        "retryAfterSeconds", retry));
            }
            window.count++;
        }
        return true;
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** The token of an {@code Authorization: Bearer} header, if there is one. */
    private static String bearer(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static String cookie(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static ApiException signInRequired(String path) {
        return new ApiException(401, "SignInRequired", path + " needs you signed in: join your class with its code"
                + " on the start page, or sign in as an instructor");
    }
}
