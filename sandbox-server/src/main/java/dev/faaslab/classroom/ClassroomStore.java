package dev.faaslab.classroom;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where classroom mode keeps its people, classes, sessions and grades: the database, shared by every replica. */
public interface ClassroomStore {

    /** The secret under {@code name}, made from {@code made} by the first replica that asks. */
    String secret(String name, String made, Instant now);

    void createInstructor(Instructor instructor, Instant now);

    Optional<Instructor> instructor(String id);

    Optional<Instructor> instructorByLogin(String login);

    List<Instructor> instructors();

    void setPassword(String instructorId, String login, String displayName, String passwordHash);

    void createLink(String tokenHash, String instructorId, Instant expiresAt);

    /** Marks the link used and answers its instructor, if it exists, is unused and has not expired. */
    Optional<String> useLink(String tokenHash, Instant now);

    void createClass(ClassInfo info, String instructorId);

    Optional<ClassInfo> classInfo(String id);

    Optional<ClassInfo> classByJoinCode(String joinCode);

    List<ClassInfo> classesOf(String instructorId);

    void updateClass(ClassInfo info);

    void addInstructor(String classId, String instructorId);

    boolean teaches(String instructorId, String classId);

    List<Instructor> instructorsOf(String classId);

    void createLearner(Learner learner);

    Optional<Learner> learner(String id);

    Optional<Learner> learnerByWorkspace(WorkspaceId workspace);

    Optional<Learner> learnerByLtiSubject(String classId, String subject);

    List<Learner> learnersOf(String classId);

    void touch(String learnerId, Instant now);

    void createSession(Session session);

    Optional<Session> session(String tokenHash, Instant now);

    void deleteSession(String tokenHash);

    /** Failed sign-ins under {@code key} since {@code since}. */
    int failures(String key, Instant since);

    void recordFailure(String key, Instant now, Instant windowStartsAfter);

    void clearFailures(String key);

    void addSubmission(WorkspaceId workspace, Submission submission);

    /** The workspace's submissions, newest first, at most {@code limit}. */
    List<Submission> submissions(WorkspaceId workspace, int limit);

    /** A signed-in browser, as kept: the token itself is never stored, only its hash. */
    record Session(String tokenHash, Role role, String principalId, String csrfToken, Instant createdAt,
                   Instant expiresAt) {
    }
}
