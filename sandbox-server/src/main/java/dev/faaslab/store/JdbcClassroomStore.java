package dev.faaslab.store;

import dev.faaslab.classroom.ClassInfo;
import dev.faaslab.classroom.ClassQuotas;
import dev.faaslab.classroom.ClassroomStore;
import dev.faaslab.classroom.Instructor;
import dev.faaslab.classroom.Learner;
import dev.faaslab.classroom.Role;
import dev.faaslab.classroom.Submission;
import dev.faaslab.classroom.Syllabus;
import dev.faaslab.core.Json;
import dev.faaslab.core.WorkspaceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Classroom mode's rows (V10__classroom.sql), in plain SQL that H2 and PostgreSQL both run. */
public final class JdbcClassroomStore implements ClassroomStore {

    private static final String CLASS_COLUMNS = "id, title, join_code, quotas, syllabus, paused, created_at";
    private static final String LEARNER_COLUMNS =
            "id, class_id, display_name, workspace_id, lti_subject, created_at, last_active_at";
    private static final String INSTRUCTOR_COLUMNS = "id, login, display_name, password_hash, workspace_id";

    private final DataSource dataSource;

    public JdbcClassroomStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @FunctionalInterface
    private interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, Mapper<T> mapper, Object... args) {
        return Transactions.run(dataSource, what, connection -> select(connection, sql, mapper, args));
    }

    private static <T> List<T> select(Connection connection, String sql, Mapper<T> mapper, Object... args)
            throws SQLException {
        return select(connection, 0, sql, mapper, args);
    }

    /** At most {@code maxRows} rows (0: all): JDBC's limit, which both databases apply without vendor SQL. */
    private static <T> List<T> select(Connection connection, int maxRows, String sql, Mapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setMaxRows(maxRows);
            bind(statement, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    private static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    private int update(String what, String sql, Object... args) {
        return Transactions.run(dataSource, what, connection -> update(connection, sql, args));
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case Instant instant -> Rows.bindInstant(statement, i + 1, instant);
                case WorkspaceId workspace -> statement.setString(i + 1, workspace.value());
                case Boolean flag -> statement.setBoolean(i + 1, flag);
                case Integer number -> statement.setInt(i + 1, number);
                case Long number -> statement.setLong(i + 1, number);
                case null -> statement.setNull(i + 1, java.sql.Types.VARCHAR);
                default -> statement.setString(i + 1, args[i].toString());
            }
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    @Override
    public String secret(String name, String made, Instant now) {
        return Transactions.run(dataSource, "read the server secret '" + name + "'", connection -> {
            List<String> found = select(connection, "SELECT secret FROM server_secrets WHERE name = ?",
                    row -> row.getString(1), name);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            // A replica that loses the race to insert fails with 23505, is run again, and reads the winner's.
            update(connection, "INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?)", name, made, now);
            return made;
        });
    }

    @Override
    public void createInstructor(Instructor instructor, Instant now) {
        Transactions.run(dataSource, "create the instructor '" + instructor.login() + "'", connection -> {
            Rows.ensureWorkspace(connection, instructor.workspace(), now);
            return update(connection, "INSERT INTO instructors (" + INSTRUCTOR_COLUMNS + ", created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", instructor.id(), instructor.login(), instructor.displayName(),
                    instructor.passwordHash(), instructor.workspace(), now);
        });
    }

    private static Instructor instructorRow(ResultSet row) throws SQLException {
        return new Instructor(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                new WorkspaceId(row.getString(5)));
    }

    @Override
    public Optional<Instructor> instructor(String id) {
        return first(query("read an instructor", "SELECT " + INSTRUCTOR_COLUMNS + " FROM instructors WHERE id = ?",
                JdbcClassroomStore::instructorRow, id));
    }

    @Override
    public Optional<Instructor> instructorByLogin(String login) {
        return first(query("read an instructor", "SELECT " + INSTRUCTOR_COLUMNS + " FROM instructors WHERE login = ?",
                JdbcClassroomStore::instructorRow, login));
    }

    @Override
    public List<Instructor> instructors() {
        return query("list the instructors", "SELECT " + INSTRUCTOR_COLUMNS + " FROM instructors ORDER BY login",
                JdbcClassroomStore::instructorRow);
    }

    @Override
    public void setPassword(String instructorId, String login, String displayName, String passwordHash) {
        update("set an instructor's password", "UPDATE instructors SET login = ?, display_name = ?, password_hash = ?"
                + " WHERE id = ?", login, displayName, passwordHash, instructorId);
    }

    @Override
    public void createLink(String tokenHash, String instructorId, Instant expiresAt) {
        update("create a sign-in link", "INSERT INTO sign_in_links (token_hash, instructor_id, expires_at)"
                + " VALUES (?, ?, ?)", tokenHash, instructorId, expiresAt);
    }

    @Override
    public Optional<String> useLink(String tokenHash, Instant now) {
        return Transactions.run(dataSource, "follow a sign-in link", connection -> {
            // One UPDATE decides: of two browsers following the same link at once, one changes the row.
            int used = update(connection, "UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                    + " AND expires_at > ?", now, tokenHash, now);
            if (used == 0) {
                return Optional.<String>empty();
            }
            return first(select(connection, "SELECT instructor_id FROM sign_in_links WHERE token_hash = ?",
                    row -> row.getString(1), tokenHash));
        });
    }

    private static ClassInfo classRow(ResultSet row) throws SQLException {
        try {
            return new ClassInfo(row.getString(1), row.getString(2), row.getString(3),
                    Json.MAPPER.readValue(row.getString(4), ClassQuotas.class),
                    Json.MAPPER.readValue(row.getString(5), Syllabus.class), row.getBoolean(6),
                    Rows.readInstant(row, "created_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("the class '" + row.getString(1) + "' holds unreadable settings: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a record is always JSON", e);
        }
    }

    @Override
    public void createClass(ClassInfo info, String instructorId) {
        Transactions.run(dataSource, "create the class '" + info.title() + "'", connection -> {
            update(connection, "INSERT INTO classes (" + CLASS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", info.id(),
                    info.title(), info.joinCode(), json(info.quotas()), json(info.syllabus()), info.paused(),
                    info.createdAt());
            return update(connection, "INSERT INTO class_instructors (class_id, instructor_id) VALUES (?, ?)",
                    info.id(), instructorId);
        });
    }

    @Override
    public Optional<ClassInfo> classInfo(String id) {
        return first(query("read a class", "SELECT " + CLASS_COLUMNS + " FROM classes WHERE id = ?",
                JdbcClassroomStore::classRow, id));
    }

    @Override
    public Optional<ClassInfo> classByJoinCode(String joinCode) {
        return first(query("read a class", "SELECT " + CLASS_COLUMNS + " FROM classes WHERE join_code = ?",
                JdbcClassroomStore::classRow, joinCode));
    }

    @Override
    public List<ClassInfo> classesOf(String instructorId) {
        return query("list an instructor's classes", "SELECT c.id, c.title, c.join_code, c.quotas,"
                        + " c.syllabus, c.paused, c.created_at FROM classes c JOIN class_instructors t"
                        + " ON t.class_id = c.id WHERE t.instructor_id = ? ORDER BY c.created_at, c.id",
                JdbcClassroomStore::classRow, instructorId);
    }

    @Override
    public void updateClass(ClassInfo info) {
        update("update the class '" + info.title() + "'", "UPDATE classes SET title = ?, quotas = ?, syllabus = ?,"
                + " paused = ? WHERE id = ?", info.title(), json(info.quotas()), json(info.syllabus()), info.paused(),
                info.id());
    }

    @Override
    public void addInstructor(String classId, String instructorId) {
        Transactions.run(dataSource, "add an instructor to a class", connection -> {
            if (select(connection, "SELECT 1 FROM class_instructors WHERE class_id = ? AND instructor_id = ?",
                    row -> 1, classId, instructorId).isEmpty()) {
                update(connection, "INSERT INTO class_instructors (class_id, instructor_id) VALUES (?, ?)", classId,
                        instructorId);
            }
            return null;
        });
    }

    @Override
    public boolean teaches(String instructorId, String classId) {
        return !query("check who teaches a class", "SELECT 1 FROM class_instructors WHERE class_id = ?"
                + " AND instructor_id = ?", row -> 1, classId, instructorId).isEmpty();
    }

    @Override
    public List<Instructor> instructorsOf(String classId) {
        return query("list a class's instructors", "SELECT i.id, i.login, i.display_name, i.password_hash,"
                + " i.workspace_id FROM instructors i JOIN class_instructors t ON t.instructor_id = i.id"
                + " WHERE t.class_id = ? ORDER BY i.login", JdbcClassroomStore::instructorRow, classId);
    }

    private static Learner learnerRow(ResultSet row) throws SQLException {
        return new Learner(row.getString(1), row.getString(2), row.getString(3), new WorkspaceId(row.getString(4)),
                row.getString(5), Rows.readInstant(row, "created_at"), Rows.readInstant(row, "last_active_at"));
    }

    @Override
    public void createLearner(Learner learner) {
        Transactions.run(dataSource, "add the learner '" + learner.displayName() + "'", connection -> {
            Rows.ensureWorkspace(connection, learner.workspace(), learner.joinedAt());
            return update(connection, "INSERT INTO learners (" + LEARNER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    learner.id(), learner.classId(), learner.displayName(), learner.workspace(), learner.ltiSubject(),
                    learner.joinedAt(), learner.lastActiveAt());
        });
    }

    @Override
    public Optional<Learner> learner(String id) {
        return first(query("read a learner", "SELECT " + LEARNER_COLUMNS + " FROM learners WHERE id = ?",
                JdbcClassroomStore::learnerRow, id));
    }

    @Override
    public Optional<Learner> learnerByWorkspace(WorkspaceId workspace) {
        return first(query("read a learner", "SELECT " + LEARNER_COLUMNS + " FROM learners WHERE workspace_id = ?",
                JdbcClassroomStore::learnerRow, workspace));
    }

    @Override
    public Optional<Learner> learnerByLtiSubject(String classId, String subject) {
        return first(query("read a learner", "SELECT " + LEARNER_COLUMNS + " FROM learners WHERE class_id = ?"
                + " AND lti_subject = ?", JdbcClassroomStore::learnerRow, classId, subject));
    }

    @Override
    public List<Learner> learnersOf(String classId) {
        return query("list a class's learners", "SELECT " + LEARNER_COLUMNS + " FROM learners WHERE class_id = ?"
                + " ORDER BY created_at, id", JdbcClassroomStore::learnerRow, classId);
    }

    @Override
    public void touch(String learnerId, Instant now) {
        update("note a learner's activity", "UPDATE learners SET last_active_at = ? WHERE id = ?", now, learnerId);
    }

    @Override
    public void createSession(Session session) {
        update("start a session", "INSERT INTO sessions (token_hash, role, principal_id, csrf_token, created_at,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", session.tokenHash(), session.role().label(),
                session.principalId(), session.csrfToken(), session.createdAt(), session.expiresAt());
    }

    @Override
    public Optional<Session> session(String tokenHash, Instant now) {
        return first(query("read a session", "SELECT token_hash, role, principal_id, csrf_token, created_at, expires_at"
                        + " FROM sessions WHERE token_hash = ? AND expires_at > ?",
                row -> new Session(row.getString(1), Role.of(row.getString(2)), row.getString(3), row.getString(4),
                        Rows.readInstant(row, "created_at"), Rows.readInstant(row, "expires_at")), tokenHash, now));
    }

    @Override
    public void deleteSession(String tokenHash) {
        update("end a session", "DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    @Override
    public int failures(String key, Instant since) {
        return first(query("count failed sign-ins", "SELECT failures FROM sign_in_failures WHERE attempt_key = ?"
                + " AND window_start > ?", row -> row.getInt(1), key, since)).orElse(0);
    }

    @Override
    public void recordFailure(String key, Instant now, Instant windowStartsAfter) {
        Transactions.run(dataSource, "count a failed sign-in", connection -> {
            // A window that began before windowStartsAfter is over: the count starts again from this failure.
            int counted = update(connection, "UPDATE sign_in_failures SET failures = failures + 1 WHERE attempt_key = ?"
                    + " AND window_start > ?", key, windowStartsAfter);
            if (counted == 0 && update(connection, "UPDATE sign_in_failures SET failures = 1, window_start = ?"
                    + " WHERE attempt_key = ?", now, key) == 0) {
                update(connection, "INSERT INTO sign_in_failures (attempt_key, window_start, failures) VALUES (?, ?, 1)",
                        key, now);
            }
            return null;
        });
    }

    @Override
    public void clearFailures(String key) {
        update("forget failed sign-ins", "DELETE FROM sign_in_failures WHERE attempt_key = ?", key);
    }

    @Override
    public void addSubmission(WorkspaceId workspace, Submission submission) {
        Transactions.run(dataSource, "record a submission", connection -> {
            Rows.ensureWorkspace(connection, workspace, submission.submittedAt());
            return update(connection, "INSERT INTO submissions (workspace_id, exercise_id, runtime, score, max_score,"
                            + " status, code, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", workspace,
                    submission.exerciseId(), submission.runtime(), submission.score(), submission.maxScore(),
                    submission.status(), submission.code(), submission.submittedAt());
        });
    }

    @Override
    public List<Submission> submissions(WorkspaceId workspace, int limit) {
        return Transactions.run(dataSource, "read a learner's submissions", connection -> select(connection, limit,
                "SELECT seq, exercise_id, runtime, score, max_score, status, code, submitted_at FROM submissions"
                        + " WHERE workspace_id = ? ORDER BY seq DESC",
                row -> new Submission(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4), row.getInt(5),
                        row.getString(6), row.getString(7), Rows.readInstant(row, "submitted_at")), workspace));
    }
}
