package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the OpenAPI document describes, walked on a classroom server by nobody, by another learner of the
 * same class, by an instructor of another class, by the learner whose data it is, and by their instructor, each
 * answer checked. Learner Ada's function, table, bucket, queue and progress hold a marker; nobody else may ever
 * see it, and nothing anyone else does may change her data.
 */
@DisplayName("A classroom server, walked route by route")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassroomAccessTest {

    static final String SECRET = "ADA-SECRET-7f3c";

    @TempDir
    static Path data;

    static TestServer server;
    static Person instructor;
    static Person otherInstructor;
    static Person ada;
    static Person grace;
    static String classId;
    static String otherClassId;
    static String mappingUuid;
    static List<String[]> operations;

    /** The routes that need no session, as the gate lists them. */
    static final Pattern PUBLIC = Pattern.compile(
            "/health|/api/openapi\\.json|/api/classroom/(session|setup|sign-in|sign-out|join)");

    @BeforeAll
    static void aClassWithTwoLearnersAndAnotherClass() throws Exception {
        server = TestServer.classroom(data, null);
        String link = server.sandbox().classroom().setUpLink().orElseThrow();
        instructor = Person.instructor(server, "turing", link);
        Person.Reply created = instructor.send("POST", "/api/classes", "{\"title\":\"Monday\"}");
        assertEquals(201, created.status(), created.body());
        classId = created.json().path("id").asText();
        String code = instructor.get("/api/classes/" + classId).json().path("joinCode").asText();
        String invitation = instructor.send("POST", "/api/classes/" + classId + "/invitations", null).json()
                .path("path").asText();
        assertTrue(invitation.startsWith("/#/classroom/setup/"), instructor.send("POST", "/api/classes/" + classId + "/invitations", null).body());
        // Monday's second instructor makes Tuesday's class and invites a third, who teaches Tuesday's only.
        Person hopper = Person.instructor(server, "hopper", invitation.substring("/#/classroom/setup/".length()));
        otherInstructor = invitedToANewClassBy(hopper);
        otherClassId = otherInstructor.get("/api/classes").json().path("classes").path(0).path("id").asText();
        ada = Person.learner(server, "Ada", code);
        grace = Person.learner(server, "Grace", code);

        deployAdasData();
        operations = operations(server.get("/api/openapi.json").json());
        assertTrue(operations.size() > 100, "the document describes the API: " + operations.size() + " operations");
    }

    /** An instructor invited by {@code hopper} into a class hopper creates: theirs, not Monday's. */
    static Person invitedToANewClassBy(Person hopper) {
        String other = hopper.send("POST", "/api/classes", "{\"title\":\"Tuesday\"}").json().path("id").asText();
        String path = hopper.send("POST", "/api/classes/" + other + "/invitations", null).json().path("path").asText();
        return Person.instructor(server, "lamarr", path.substring("/#/classroom/setup/".length()));
    }

    static void deployAdasData() throws Exception {
        String code = "export const handler = async () => ({ statusCode: 200, body: '" + SECRET + "' });";
        done(ada.send("PUT", "/api/functions/secret-fn", "{\"runtime\":\"nodejs\",\"code\":"
                + TestServer.JSON.writeValueAsString(code) + "}"));
        done(ada.send("PUT", "/api/tables/secrets", "{\"partitionKey\":\"id\"}"));
        done(ada.send("PUT", "/api/tables/secrets/items/x", "{\"id\":\"x\",\"secret\":\"" + SECRET + "\"}"));
        done(ada.send("PUT", "/api/buckets/private", null));
        done(ada.send("PUT", "/api/buckets/private/objects/notes.txt", SECRET));
        done(ada.send("PUT", "/api/queues/jobs", "{}"));
        done(ada.send("POST", "/api/queues/jobs/messages", "{\"body\":\"" + SECRET + "\"}"));
        done(ada.send("PUT", "/api/progress/notes", "{\"secret\":\"" + SECRET + "\"}"));
        Person.Reply mapping = ada.send("POST", "/api/event-source-mappings", "{\"queue\":\"jobs\","
                + "\"function\":\"secret-fn\",\"enabled\":false}");
        done(mapping);
        mappingUuid = mapping.json().path("uuid").asText();
    }

    static void done(Person.Reply reply) {
        assertTrue(reply.status() >= 200 && reply.status() < 300, reply.status() + " " + reply.body());
    }

    /** Every (method, path) of the document, parameters filled with Ada's names. */
    static List<String[]> operations(JsonNode document) {
        List<String[]> found = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
            if (Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                found.add(new String[] {method, path.getKey(), fill(path.getKey())});
            }
        }));
        return found;
    }

    private static final Map<String, String> VALUES = Map.ofEntries(Map.entry("table", "secrets"),
            Map.entry("partitionKey", "x"), Map.entry("sortKey", "y"), Map.entry("bucket", "private"),
            Map.entry("version", "1"), Map.entry("receiptHandle", "h"), Map.entry("prediction", "p1"),
            Map.entry("question", "q1"), Map.entry("path", "x"), Map.entry("learnerId", "?"));

    static String fill(String template) {
        Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1);
            String value = switch (name) {
                case "name" -> template.startsWith("/api/queues") ? "jobs" : "secret-fn";
                case "key" -> template.startsWith("/api/progress") ? "notes" : "notes.txt";
                case "classId" -> "{classId}";
                case "uuid" -> "{uuid}";
                case "id" -> template.startsWith("/api/buckets") ? "s1" : "hello-context";
                default -> VALUES.getOrDefault(name, "v");
            };
            parameter.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    static String concrete(String filled, String learnerId) {
        return filled.replace("{classId}", classId).replace("{uuid}", mappingUuid).replace("/learners/?", "/learners/"
                + learnerId);
    }

    /** Walks every operation as {@code person}, a body of {} for changes; signing out is left for last. */
    static List<String> walk(Person person, java.util.function.BiFunction<String[], Person.Reply, String> check) {
        List<String> wrong = new ArrayList<>();
        String adaId = ada.session.path("workspace").asText();
        String learnerId = instructor.get("/api/classes/" + classId + "/progress").json().path("learners").path(0)
                .path("id").asText();
        for (String[] operation : operations) {
            if (operation[1].equals("/api/classroom/sign-out")) {
                continue;
            }
            String path = concrete(operation[2], learnerId);
            Person.Reply reply = person.send(operation[0], path, operation[0].equals("GET")
                    || operation[0].equals("DELETE") ? null : "{}");
            String problem = check.apply(new String[] {operation[0], operation[1], path}, reply);
            if (problem != null) {
                wrong.add(operation[0] + " " + path + " as " + person + ": " + reply.status() + " " + problem + " "
                        + reply.body().substring(0, Math.min(200, reply.body().length())));
            }
            assertFalse(adaId.isEmpty());
        }
        return wrong;
    }

    static boolean isPublic(String template) {
        return PUBLIC.matcher(template).matches();
    }

    @Test
    @Order(1)
    @DisplayName("nobody signed in gets 401 on every route but the public ones, and no marker of Ada's")
    void nobody() {
        Person nobody = new Person(server, "nobody");
        List<String> wrong = walk(nobody, (operation, reply) -> {
            if (reply.body().contains(SECRET)) {
                return "shows Ada's data";
            }
            if (isPublic(operation[1])) {
                return reply.status() == 401 ? "refuses a public route" : null;
            }
            return reply.status() == 401 && reply.body().contains("SignInRequired") ? null : "is not 401 SignInRequired";
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(2)
    @DisplayName("another learner of the class never sees Ada's data, is refused the instructors' routes, and changes"
            + " only their own workspace")
    void anotherLearner() {
        List<String> wrong = walk(grace, (operation, reply) -> {
            if (reply.body().contains(SECRET)) {
                return "shows Ada's data";
            }
            if (operation[1].startsWith("/api/classes")) {
                return reply.status() == 403 ? null : "is not 403 on an instructors' route";
            }
            return reply.status() == 401 || reply.status() == 403 && !reply.body().contains("NotOpen")
                    && !reply.body().contains("SolutionClosed") && !reply.body().contains("QuotaExceeded")
                    ? "refuses a signed-in learner her own workspace" : null;
        });
        assertEquals(List.of(), wrong);
        adasDataIsIntact();
    }

    @Test
    @Order(3)
    @DisplayName("an instructor of another class gets 404 for this class's routes and never sees Ada's data")
    void anInstructorOfAnotherClass() {
        List<String> wrong = walk(otherInstructor, (operation, reply) -> {
            if (reply.body().contains(SECRET)) {
                return "shows Ada's data";
            }
            if (operation[1].startsWith("/api/classes/{classId}")) {
                return reply.status() == 404 ? null : "is not 404 for a class they do not teach";
            }
            return reply.status() == 401 || reply.status() == 403 && reply.body().contains("CsrfTokenInvalid")
                    ? "refuses a signed-in instructor" : null;
        });
        assertEquals(List.of(), wrong);
        adasDataIsIntact();
        assertNotEquals(classId, otherClassId);
    }

    @Test
    @Order(4)
    @DisplayName("Ada's instructor reads her code, and her class's routes answer him")
    void herInstructor() {
        String learnerId = instructor.get("/api/classes/" + classId + "/progress").json().path("learners").path(0)
                .path("id").asText();
        Person.Reply view = instructor.get("/api/classes/" + classId + "/learners/" + learnerId);
        assertEquals(200, view.status(), view.body());
        assertTrue(view.body().contains(SECRET), "an instructor reads the code of their class's learners");
        List<String> wrong = walk(instructor, (operation, reply) -> operation[1].startsWith("/api/classes")
                && (reply.status() == 401 || reply.status() == 403) ? "refuses the class's instructor" : null);
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(5)
    @DisplayName("Ada herself reaches every route of her workspace, and is refused only the instructors' and what"
            + " her class keeps closed")
    void herself() {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        List<String> wrong = walk(ada, (operation, reply) -> {
            if (reply.body().contains(SECRET)) {
                seen.incrementAndGet();
            }
            if (operation[1].startsWith("/api/classes")) {
                return reply.status() == 403 ? null : "is not 403 on an instructors' route";
            }
            if (reply.status() == 401) {
                return "refuses her own session";
            }
            if (reply.status() == 403) {
                return reply.body().contains("SolutionClosed") ? null : "refuses her";
            }
            return null;
        });
        assertEquals(List.of(), wrong);
        // The same walk that never showed the marker to anyone else shows it to her: the check can see it.
        assertTrue(seen.get() >= 5, "her function, item, object, progress and trigger show her data: " + seen.get());
    }

    static void adasDataIsIntact() {
        assertTrue(ada.get("/api/functions/secret-fn").body().contains(SECRET), "her function");
        assertTrue(ada.get("/api/tables/secrets/items/x").body().contains(SECRET), "her table's item");
        assertTrue(ada.get("/api/buckets/private/objects/notes.txt").body().contains(SECRET), "her object");
        assertTrue(ada.get("/api/progress").body().contains(SECRET), "her progress");
        assertEquals(1, ada.get("/api/queues/jobs").json().path("approximateNumberOfMessages").asInt(-1),
                "her queue's message: " + ada.get("/api/queues/jobs").body());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }
}
