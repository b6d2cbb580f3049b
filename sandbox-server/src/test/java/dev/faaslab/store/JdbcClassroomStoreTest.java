package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.classroom.ClassInfo;
import dev.faaslab.classroom.ClassQuotas;
import dev.faaslab.classroom.ClassroomStore.Session;
import dev.faaslab.classroom.Instructor;
import dev.faaslab.classroom.Learner;
import dev.faaslab.classroom.Role;
import dev.faaslab.classroom.Submission;
import dev.faaslab.classroom.Syllabus;
import dev.faaslab.core.WorkspaceId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The classroom store")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcClassroomStoreTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instructor GRACE = new Instructor("i-grace", "grace", "Grace", "hash", new WorkspaceId("i-grace"));

    @TempDir
    Path temp;

    private Database database;
    private JdbcClassroomStore store;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        store = new JdbcClassroomStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void reopen() {
        close();
        open();
    }

    @Test
    @DisplayName("keeps instructors, classes and learners (one without an LTI subject), across a reopening")
    void keepsClasses() {
        store.createInstructor(GRACE, NOW);
        ClassInfo info = new ClassInfo("c-1", "Serverless 101", "JOIN42", ClassQuotas.DEFAULT,
                new Syllabus(Set.of("loops"), Map.of("hello", NOW.plus(Duration.ofDays(7)))), false, NOW);
        store.createClass(info, GRACE.id());
        Learner ada = new Learner("l-ada", "c-1", "Ada", new WorkspaceId("l-ada"), null, NOW, NOW);
        Learner alan = new Learner("l-alan", "c-1", "Alan", new WorkspaceId("l-alan"), "lti-7", NOW, NOW);
        store.createLearner(ada);
        store.createLearner(alan);
        reopen();
        assertEquals(Optional.of(GRACE), store.instructorByLogin("grace"));
        assertEquals(Optional.of(info), store.classByJoinCode("JOIN42"));
        assertTrue(store.teaches(GRACE.id(), "c-1"));
        assertEquals(Optional.of(ada), store.learnerByWorkspace(new WorkspaceId("l-ada")));
        assertEquals(Optional.of(alan), store.learnerByLtiSubject("c-1", "lti-7"));
        ClassInfo paused = new ClassInfo("c-1", "Serverless 101", "JOIN42", ClassQuotas.DEFAULT, Syllabus.ALL_OPEN, true,
                NOW);
        store.updateClass(paused);
        assertEquals(Optional.of(paused), store.classInfo("c-1"));
    }

    @Test
    @DisplayName("lets a sign-in link be used once, before it expires, and a session last until it expires")
    void linksAndSessions() {
        store.createInstructor(GRACE, NOW);
        store.createLink("link-hash", GRACE.id(), NOW.plusSeconds(60));
        assertEquals(Optional.of(GRACE.id()), store.useLink("link-hash", NOW));
        assertEquals(Optional.empty(), store.useLink("link-hash", NOW), "used once already");
        Session session = new Session("token-hash", Role.INSTRUCTOR, GRACE.id(), "csrf", NOW, NOW.plusSeconds(60));
        store.createSession(session);
        assertEquals(Optional.of(session), store.session("token-hash", NOW.plusSeconds(59)));
        assertEquals(Optional.empty(), store.session("token-hash", NOW.plusSeconds(60)));
        store.deleteSession("token-hash");
        assertEquals(Optional.empty(), store.session("token-hash", NOW));
    }

    @Test
    @DisplayName("counts failed sign-ins in a window, and lists a workspace's submissions newest first")
    void failuresAndSubmissions() {
        store.recordFailure("grace", NOW, NOW.minusSeconds(900));
        store.recordFailure("grace", NOW.plusSeconds(1), NOW.minusSeconds(899));
        assertEquals(2, store.failures("grace", NOW.minusSeconds(1)));
        store.recordFailure("grace", NOW.plusSeconds(2000), NOW.plusSeconds(1000));
        assertEquals(1, store.failures("grace", NOW.plusSeconds(1000)), "a new window began");
        store.clearFailures("grace");
        assertEquals(0, store.failures("grace", NOW.minusSeconds(1)));

        WorkspaceId ada = new WorkspaceId("l-ada");
        for (int i = 1; i <= 3; i++) {
            store.addSubmission(ada, new Submission(0, "hello", "nodejs", i, 3, "graded", "code " + i, NOW.plusSeconds(i)));
        }
        List<Submission> newest = store.submissions(ada, 2);
        assertEquals(List.of(3, 2), newest.stream().map(Submission::score).toList());
        assertTrue(newest.getFirst().seq() > newest.get(1).seq());
        assertFalse(store.submissions(new WorkspaceId("l-alan"), 5).iterator().hasNext());
    }
}
