package dev.faaslab.classroom;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.stream.EventHub;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Classroom mode's people and classes: the first instructor's set-up link, instructors' sign-in (rate-limited),
 * learners joining with a code, sessions, and the classes instructors run. Every check of who may do what on a
 * class is here, so that the HTTP layer only asks.
 */
public final class Classroom {

    static final Duration INSTRUCTOR_SESSION = Duration.ofHours(12);
    /** A workshop's learners come back over days, on a laptop they do not sign in to again. */
    static final Duration LEARNER_SESSION = Duration.ofDays(30);
    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    /** OWASP: lock out guessing, not people; 5 wrong passwords per login, 30 per address, in 15 minutes. */
    static final int FAILURES_PER_LOGIN = 5;
    static final int FAILURES_PER_ADDRESS = 30;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    /** A learner's quotas and pause are read this often at most: the platform asks on every invocation. */
    static final Duration SETTINGS_CACHE = Duration.ofSeconds(2);
    static final int MAX_NAME = 40;
    /** "Last active" is a minute's news: more writes would cost 200 learners' requests a row update each. */
    static final Duration ACTIVITY_WRITES = Duration.ofMinutes(1);
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final String FIRST_LOGIN = "instructor";

    private final ClassroomStore store;
    private final Clock clock;
    private final Passwords passwords = new Passwords();
    private final Tokens tokens;
    private final Map<WorkspaceId, Cached> settings = new ConcurrentHashMap<>();
    private final Map<String, Long> touched = new ConcurrentHashMap<>();
    private final Map<String, EventHub> hubs = new ConcurrentHashMap<>();
    private final Map<String, EventHub> news = new ConcurrentHashMap<>();

    private record Cached(Optional<ClassInfo> classInfo, long readAtNanos) {
    }

    public Classroom(ClassroomStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.tokens = new Tokens(store.secret("session-signing", Tokens.random(), now()).getBytes(StandardCharsets.UTF_8));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    /**
     * The token of a one-time link that lets the first instructor choose a login and password, while no instructor
     * has one; empty once one has. Each call makes a new link (the server prints it at every start until used).
     */
    public Optional<String> setUpLink() {
        List<Instructor> instructors = store.instructors();
        if (instructors.stream().anyMatch(instructor -> instructor.passwordHash() != null)) {
            return Optional.empty();
        }
        Instructor first = instructors.isEmpty() ? newInstructor(FIRST_LOGIN) : instructors.getFirst();
        return Optional.of(link(first));
    }

    private Instructor newInstructor(String login) {
        Instructor instructor = new Instructor(Tokens.id("i"), login, login, null, new WorkspaceId(Tokens.id("i-")));
        store.createInstructor(instructor, now());
        return instructor;
    }

    private String link(Instructor instructor) {
        String token = Tokens.random();
        store.createLink(Tokens.sha256(token), instructor.id(), now().plus(LINK_LIFETIME));
        return token;
    }

    /** Follows a one-time link: the instructor it was made for chooses their login, name and password. */
    public SignedIn setUp(String linkToken, String login, String displayName, String password) {
        String checkedLogin = login(login);
        String name = displayName(displayName);
        String hash = passwords.hash(password);
        String instructorId = store.useLink(Tokens.sha256(linkToken == null ? "" : linkToken), now())
                .orElseThrow(() -> new ClassroomException(403, "LinkNotValid", "this sign-in link was used already,"
                        + " has expired, or was never made: ask an instructor for a new one (restarting the server"
                        + " prints a new first link while no instructor has a password)"));
        store.instructorByLogin(checkedLogin).filter(other -> !other.id().equals(instructorId)).ifPresent(other -> {
            throw new ClassroomException(409, "LoginTaken", "the login '" + checkedLogin + "' is taken: choose another",
                    Map.of("field", "login"));
        });
        store.setPassword(instructorId, checkedLogin, name, hash);
        Instructor instructor = store.instructor(instructorId).orElseThrow();
        return start(Role.INSTRUCTOR, instructor.id(), instructor.displayName(), instructor.workspace(), null);
    }

    /**
     * An instructor signs in. After {@value #FAILURES_PER_LOGIN} wrong passwords for a login (or
     * {@value #FAILURES_PER_ADDRESS} from an address) in {@link #FAILURE_WINDOW}, further tries are refused with 429
     * until the window ends, right or wrong.
     */
    public SignedIn signIn(String login, String password, String address) {
        String loginKey = "login:" + (login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT));
        String addressKey = "address:" + address;
        Instant now = now();
        Instant windowStart = now.minus(FAILURE_WINDOW);
        if (store.failures(loginKey, windowStart) >= FAILURES_PER_LOGIN
                || store.failures(addressKey, windowStart) >= FAILURES_PER_ADDRESS) {
            throw new ClassroomException(429, "TooManySignIns", "too many wrong passwords: wait "
                    + FAILURE_WINDOW.toMinutes() + " minutes, or ask another instructor to send you a new sign-in link",
                    Map.of("retryAfterSeconds", FAILURE_WINDOW.toSeconds()));
        }
        Optional<Instructor> found = store.instructorByLogin(loginKey.substring("login:".length()));
        if (found.isEmpty() || !passwords.matches(password, found.get().passwordHash())) {
            store.recordFailure(loginKey, now, windowStart);
            store.recordFailure(addressKey, now, windowStart);
            // The same answer whether the login exists or not: it tells a guesser nothing.
            throw new ClassroomException(401, "SignInFailed", "that login and password do not match: check both,"
                    + " and the Caps Lock key");
        }
        store.clearFailures(loginKey);
        Instructor instructor = found.get();
        return start(Role.INSTRUCTOR, instructor.id(), instructor.displayName(), instructor.workspace(), null);
    }

    /** A learner joins a class with its code and a name of their choosing: a new workspace is theirs. */
    public SignedIn join(String joinCode, String displayName) {
        String name = displayName(displayName);
        String code = joinCode == null ? "" : joinCode.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "");
        ClassInfo info = store.classByJoinCode(code).orElseThrow(() -> new ClassroomException(404, "NoSuchClass",
                "no class has the join code '" + code + "': check it with your instructor (it is 8 letters and digits)",
                Map.of("field", "code")));
        Learner learner = newLearner(info.id(), name, null);
        return start(Role.LEARNER, learner.id(), learner.displayName(), learner.workspace(), learner.classId());
    }

    private Learner newLearner(String classId, String name, String ltiSubject) {
        Instant now = now();
        Learner learner = new Learner(Tokens.id("l"), classId, name, new WorkspaceId(Tokens.id("l-")), ltiSubject, now,
                now);
        store.createLearner(learner);
        return learner;
    }

    /**
     * A learner arriving from an LMS (an LTI launch already validated): the same person in the same class is the
     * same learner every time.
     */
    public SignedIn ltiLearner(String classId, String subject, String displayName) {
        Learner learner = store.learnerByLtiSubject(classId, subject)
                .orElseGet(() -> newLearner(classId, displayName(displayName == null || displayName.isBlank()
                        ? "Learner" : displayName), subject));
        return start(Role.LEARNER, learner.id(), learner.displayName(), learner.workspace(), learner.classId());
    }

    /**
     * The class an LMS course is, made on its first launch (with no instructor yet, when a learner comes first).
     *
     * @param contextKey {@code issuer|deployment|context id}
     */
    public String ltiClass(String contextKey, String title) {
        return store.ltiClass(contextKey).orElseGet(() -> {
            ClassInfo info = new ClassInfo(Tokens.id("c"), title(title == null || title.isBlank() ? "LMS course"
                    : title.length() > 100 ? title.substring(0, 100) : title), Tokens.joinCode(), ClassQuotas.DEFAULT,
                    Syllabus.ALL_OPEN, false, now());
            store.createClass(info, null);
            store.linkLtiClass(contextKey, info.id());
            return info.id();
        });
    }

    /** An LMS's instructor, as the same account at every launch, teaching the class of the course they came from. */
    public SignedIn ltiInstructor(String classId, String subject, String displayName) {
        Instructor instructor = store.instructorByLtiSubject(subject).orElseGet(() -> {
            Instructor made = newInstructor("lti-" + Tokens.id("").substring(0, 10));
            store.setPassword(made.id(), made.login(), displayName(displayName == null || displayName.isBlank()
                    ? "Instructor" : displayName), null);
            store.setInstructorLtiSubject(made.id(), subject);
            return store.instructor(made.id()).orElseThrow();
        });
        store.addInstructor(classId, instructor.id());
        return start(Role.INSTRUCTOR, instructor.id(), instructor.displayName(), instructor.workspace(), null);
    }

    public void keepGradeLink(ClassroomStore.GradeLink link) {
        store.putGradeLink(link);
    }

    public Optional<ClassroomStore.GradeLink> gradeLink(WorkspaceId workspace, String exerciseId) {
        return store.gradeLink(workspace, exerciseId);
    }

    private SignedIn start(Role role, String id, String name, WorkspaceId workspace, String classId) {
        String token = Tokens.random();
        String csrf = Tokens.random();
        Duration lasts = role == Role.INSTRUCTOR ? INSTRUCTOR_SESSION : LEARNER_SESSION;
        Instant now = now();
        store.createSession(new ClassroomStore.Session(Tokens.sha256(token), role, id, csrf, now, now.plus(lasts)));
        return new SignedIn(new Principal(role, id, name, workspace, classId, csrf), tokens.signed(token), lasts);
    }

    /** Who holds this cookie, if it is a live session's. */
    public Optional<Principal> principal(String cookie) {
        String token = tokens.verified(cookie);
        if (token == null) {
            return Optional.empty();
        }
        return store.session(Tokens.sha256(token), now()).flatMap(session -> switch (session.role()) {
            case INSTRUCTOR -> store.instructor(session.principalId()).map(instructor -> new Principal(Role.INSTRUCTOR,
                    instructor.id(), instructor.displayName(), instructor.workspace(), null, session.csrfToken()));
            case LEARNER -> store.learner(session.principalId()).map(learner -> new Principal(Role.LEARNER,
                    learner.id(), learner.displayName(), learner.workspace(), learner.classId(), session.csrfToken()));
        });
    }

    public void signOut(String cookie) {
        String token = tokens.verified(cookie);
        if (token != null) {
            store.deleteSession(Tokens.sha256(token));
        }
    }

    /**
     * A token that acts as the workspace's owner without a cookie, for programs: the traffic generator's requests
     * to a learner's function, and curl from the learner's terminal ({@code Authorization: Bearer …}).
     */
    public String workspaceToken(WorkspaceId workspace) {
        return tokens.signed(OWNER + workspace.value());
    }

    /**
     * The token the traffic generator sends a learner's function its requests with: it acts as the learner, and
     * its requests are not counted against invocations per minute (the generator keeps to the class's rate).
     */
    public String generatorToken(WorkspaceId workspace) {
        return tokens.signed(GENERATOR + workspace.value());
    }

    /** Whether a bearer token is the traffic generator's. */
    public boolean generated(String token) {
        String value = tokens.verified(token);
        return value != null && value.startsWith(GENERATOR);
    }

    private static final String OWNER = "ws_";
    private static final String GENERATOR = "gen_";

    /** The owner of a workspace token, if it is one of ours and its owner still exists. */
    public Optional<Principal> bearer(String token) {
        String value = tokens.verified(token);
        String prefix = value == null ? null : value.startsWith(OWNER) ? OWNER : value.startsWith(GENERATOR) ? GENERATOR
                : null;
        if (prefix == null) {
            return Optional.empty();
        }
        WorkspaceId workspace = new WorkspaceId(value.substring(prefix.length()));
        Optional<Learner> learner = store.learnerByWorkspace(workspace);
        if (learner.isPresent()) {
            Learner l = learner.get();
            return Optional.of(new Principal(Role.LEARNER, l.id(), l.displayName(), workspace, l.classId(), null));
        }
        return store.instructors().stream().filter(instructor -> instructor.workspace().equals(workspace)).findFirst()
                .map(i -> new Principal(Role.INSTRUCTOR, i.id(), i.displayName(), workspace, null, null));
    }

    // ---- classes ------------------------------------------------------------------------------------------------

    public ClassInfo createClass(Principal instructor, String title) {
        requireInstructor(instructor);
        ClassInfo info = new ClassInfo(Tokens.id("c"), title(title), Tokens.joinCode(), ClassQuotas.DEFAULT,
                Syllabus.ALL_OPEN, false, now());
        store.createClass(info, instructor.id());
        return info;
    }

    public List<ClassInfo> classes(Principal instructor) {
        requireInstructor(instructor);
        return store.classesOf(instructor.id());
    }

    /** The class, if {@code instructor} teaches it; 404 otherwise, so that ids of others' classes are not confirmed. */
    public ClassInfo classOf(Principal instructor, String classId) {
        requireInstructor(instructor);
        if (classId == null || !store.teaches(instructor.id(), classId)) {
            throw ClassroomException.notFound("you teach no class '" + classId + "': GET /api/classes lists yours");
        }
        return store.classInfo(classId).orElseThrow(() -> ClassroomException.notFound("no class '" + classId + "'"));
    }

    /** Changes what is given (null: unchanged). */
    public ClassInfo update(Principal instructor, String classId, String title, ClassQuotas quotas, Syllabus syllabus,
                            Boolean paused) {
        ClassInfo before = classOf(instructor, classId);
        ClassInfo after = new ClassInfo(before.id(), title == null ? before.title() : title(title), before.joinCode(),
                quotas == null ? before.quotas() : quotas, syllabus == null ? before.syllabus() : syllabus,
                paused == null ? before.paused() : paused, before.createdAt());
        store.updateClass(after);
        store.learnersOf(classId).forEach(learner -> settings.remove(learner.workspace()));
        if (!before.title().equals(after.title()) || before.paused() != after.paused()
                || !before.syllabus().closed().equals(after.syllabus().closed())) {
            news(classId).publish(new StreamEvent.ClassChanged(after.id(), after.title(), after.paused(),
                    Set.copyOf(after.syllabus().closed())));
        }
        return after;
    }

    /** A class with its learners and instructors, as one who teaches it sees it: one check for the three. */
    public record Roster(ClassInfo info, List<Learner> learners, List<Instructor> instructors) {
    }

    public Roster roster(Principal instructor, String classId) {
        ClassInfo info = classOf(instructor, classId);
        return new Roster(info, store.learnersOf(classId), store.instructorsOf(classId));
    }

    public Learner learner(Principal instructor, String classId, String learnerId) {
        classOf(instructor, classId);
        return store.learner(learnerId).filter(learner -> learner.classId().equals(classId))
                .orElseThrow(() -> ClassroomException.notFound("the class has no learner '" + learnerId + "'"));
    }

    /**
     * A one-time link for another instructor to join {@code classId}: a new instructor account, who chooses their
     * login and password on following it.
     */
    public String invite(Principal instructor, String classId) {
        classOf(instructor, classId);
        Instructor invited = newInstructor("invited-" + Tokens.id("").substring(0, 8));
        store.addInstructor(classId, invited.id());
        return link(invited);
    }

    /** The class a learner's workspace belongs to (none for an instructor's or the local one), briefly cached. */
    public Optional<ClassInfo> classOfWorkspace(WorkspaceId workspace) {
        long nowNanos = clock.nanoTime();
        Cached cached = settings.get(workspace);
        if (cached == null || nowNanos - cached.readAtNanos() > SETTINGS_CACHE.toNanos()) {
            cached = new Cached(store.learnerByWorkspace(workspace).flatMap(l -> store.classInfo(l.classId())), nowNanos);
            settings.put(workspace, cached);
        }
        return cached.classInfo();
    }

    /** Notes that a learner did something, for the dashboard's "last active" (written at most once a minute). */
    public boolean active(Principal principal) {
        if (principal.role() != Role.LEARNER) {
            return false;
        }
        long nowNanos = clock.nanoTime();
        Long last = touched.get(principal.id());
        if (last != null && nowNanos - last < ACTIVITY_WRITES.toNanos()) {
            return false;
        }
        touched.put(principal.id(), nowNanos);
        store.touch(principal.id(), now());
        return true;
    }

    /** The class's live stream: learners' activity, for its dashboard. */
    public EventHub hub(String classId) {
        return hubs.computeIfAbsent(classId, id -> new EventHub());
    }

    /**
     * The class's news for its learners' own streams: what its instructors change of what learners see (the pause,
     * what is open). Apart from {@link #hub}, whose learners' activity is for instructors only.
     */
    public EventHub news(String classId) {
        return news.computeIfAbsent(classId, id -> new EventHub());
    }

    public void recordSubmission(WorkspaceId workspace, Submission submission) {
        store.addSubmission(workspace, submission);
    }

    public List<Submission> submissions(WorkspaceId workspace, int limit) {
        return store.submissions(workspace, limit);
    }

    private static void requireInstructor(Principal principal) {
        if (principal == null || !principal.instructor()) {
            throw new ClassroomException(403, "InstructorsOnly", "only a class's instructors may do this");
        }
    }

    static String displayName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ClassroomException(400, "InvalidName", "a name must be 1 to " + MAX_NAME + " characters, without"
                    + " line breaks or control characters: the one your instructor will see beside your work",
                    Map.of("field", "name"));
        }
        return trimmed;
    }

    private static String title(String title) {
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ClassroomException(400, "InvalidTitle", "a class's title must be 1 to 100 characters, such as"
                    + " \"Serverless workshop, Monday\"", Map.of("field", "title"));
        }
        return trimmed;
    }

    private static String login(String login) {
        String trimmed = login == null ? "" : login.strip().toLowerCase(java.util.Locale.ROOT);
        if (!LOGIN.matcher(trimmed).matches()) {
            throw new ClassroomException(400, "InvalidLogin", "a login must be 2 to 64 lower-case letters, digits, dots,"
                    + " hyphens or underscores, starting with a letter or digit, such as ada.lovelace",
                    Map.of("field", "login"));
        }
        return trimmed;
    }
}
