package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A classroom server")
class ClassroomModeTest {

    @TempDir
    static Path data;

    static TestServer server;
    static Person instructor;
    static String classId;
    static String joinCode;

    @BeforeAll
    static void aClass() throws Exception {
        server = TestServer.classroom(data, Path.of("..", "web").toAbsolutePath().normalize());
        instructor = Person.instructor(server, "turing", server.sandbox().classroom().setUpLink().orElseThrow());
        JsonNode made = instructor.send("POST", "/api/classes", "{\"title\":\"Monday\"}").json();
        classId = made.path("id").asText();
        joinCode = made.path("joinCode").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String js(String code) throws Exception {
        return "{\"runtime\":\"nodejs\",\"code\":" + TestServer.JSON.writeValueAsString(code) + "}";
    }

    static final String HELLO = "export const handler = async () => ({ statusCode: 200, body: 'hi' });";

    @Nested
    @DisplayName("signing in")
    class SigningIn {

        @Test
        @DisplayName("sets an HttpOnly, SameSite=Lax session cookie, and takes no change made with it without the CSRF"
                + " token")
        void cookieAndCsrf() throws Exception {
            Person learner = new Person(server, "Lin");
            Person.Reply joined = learner.send("POST", "/api/classroom/join", "{\"code\":\"" + joinCode.toLowerCase()
                    + "\",\"name\":\"Lin\"}");
            assertEquals(201, joined.status(), joined.body());
            String cookie = joined.header("Set-Cookie");
            assertTrue(cookie.startsWith(ClassroomGate.COOKIE + "="), cookie);
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            learner.signedIn(joined.json());
            Person.Reply forged = learner.send("PUT", "/api/functions/hello", js(HELLO), false);
            assertEquals(403, forged.status(), forged.body());
            assertTrue(forged.body().contains("CsrfTokenInvalid"), forged.body());
            assertEquals(201, learner.send("PUT", "/api/functions/hello", js(HELLO)).status());
            assertEquals("learner", learner.get("/api/classroom/session").json().path("role").asText());
        }

        @Test
        @DisplayName("refuses a cookie whose signature is not the server's, and forgets one signed out")
        void forgedAndSignedOutCookies() {
            Person learner = Person.learner(server, "Mo", joinCode);
            assertEquals(200, learner.get("/api/functions").status());
            HttpRequest forged = HttpRequest.newBuilder(server.uri("/api/functions"))
                    .header("Cookie", ClassroomGate.COOKIE + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.forged").build();
            assertEquals(401, server.send(forged).status());
            assertEquals(204, learner.send("POST", "/api/classroom/sign-out", null).status());
            assertEquals(401, learner.get("/api/functions").status());
        }

        @Test
        @DisplayName("uses a set-up link once")
        void linkOnce() {
            String token = instructor.send("POST", "/api/classes/" + classId + "/invitations", null).json().path("path")
                    .asText().substring("/#/classroom/setup/".length());
            Person.instructor(server, "hopper", token);
            Person again = new Person(server, "again");
            Person.Reply reused = again.send("POST", "/api/classroom/setup", "{\"token\":\"" + token + "\",\"login\":"
                    + "\"hopper2\",\"name\":\"H\",\"password\":\"correct horse battery\"}");
            assertEquals(403, reused.status(), reused.body());
            assertTrue(reused.body().contains("LinkNotValid"), reused.body());
        }

        @Test
        @DisplayName("after five wrong passwords for a login refuses the sixth try, right or wrong, with 429 and"
                + " Retry-After")
        void signInRateLimit() {
            String token = instructor.send("POST", "/api/classes/" + classId + "/invitations", null).json().path("path")
                    .asText().substring("/#/classroom/setup/".length());
            Person.instructor(server, "lovelace", token);
            Person guesser = new Person(server, "guesser");
            for (int i = 0; i < 5; i++) {
                Person.Reply wrong = guesser.send("POST", "/api/classroom/sign-in",
                        "{\"login\":\"lovelace\",\"password\":\"guess number " + i + "\"}");
                assertEquals(401, wrong.status(), wrong.body());
            }
            Person.Reply right = guesser.send("POST", "/api/classroom/sign-in",
                    "{\"login\":\"lovelace\",\"password\":\"correct horse battery\"}");
            assertEquals(429, right.status(), right.body());
            assertEquals("900", right.header("Retry-After"));
            Person.Reply other = new Person(server, "x").send("POST", "/api/classroom/sign-in",
                    "{\"login\":\"turing\",\"password\":\"correct horse battery\"}");
            assertEquals(200, other.status(), "another login is not locked out: " + other.body());
        }
    }

    @Nested
    @DisplayName("with a class's quotas")
    class Quotas {

        static Person learner;
        static Person neighbour;

        @BeforeAll
        static void smallQuotas() {
            String id = instructor.send("POST", "/api/classes", "{\"title\":\"Small\"}").json().path("id").asText();
            Person.Reply set = instructor.send("PATCH", "/api/classes/" + id, "{\"quotas\":{\"concurrentInstances\":2,"
                    + "\"invocationsPerMinute\":5,\"memoryMb\":256,\"codeBytesPerFunction\":2048,"
                    + "\"codeStorageBytes\":8192,\"trafficRps\":3,\"storageBytes\":1000}}");
            assertEquals(200, set.status(), set.body());
            String code = set.json().path("joinCode").asText();
            learner = Person.learner(server, "Quinn", code);
            neighbour = Person.learner(server, "Nell", code);
        }

        @Test
        @DisplayName("limit the learner's workspace as the platform counts it: concurrency, memory and code size")
        void platformLimits() throws Exception {
            JsonNode account = learner.get("/api/account").json();
            assertEquals(2, account.path("limits").path("concurrentExecutions").asInt(), account.toString());
            assertEquals(256, account.path("quotas").path("memoryMb").asInt(), account.toString());
            Person.Reply big = learner.send("PUT", "/api/functions/big", "{\"runtime\":\"nodejs\",\"memoryMb\":512,"
                    + "\"code\":" + TestServer.JSON.writeValueAsString(HELLO) + "}");
            assertEquals(413, big.status(), big.body());
            assertTrue(big.body().contains("memoryMb"), big.body());
            Person.Reply long_ = learner.send("PUT", "/api/functions/long", js(HELLO + "\n//" + "x".repeat(3000)));
            assertEquals(413, long_.status(), long_.body());
            assertTrue(long_.body().contains("codeBytesPerFunction"), long_.body());
            JsonNode others = instructor.get("/api/account").json();
            assertEquals(100, others.path("limits").path("concurrentExecutions").asInt(),
                    "an instructor's workspace keeps the platform's limits: " + others);
        }

        @Test
        @DisplayName("count the learner's invocations a minute: the sixth is 429 with Retry-After, and not their"
                + " neighbour's")
        void invocationsPerMinute() throws Exception {
            Quotas.this.deployed(learner);
            Quotas.this.deployed(neighbour);
            for (int i = 0; i < 5; i++) {
                Person.Reply ran = learner.get("/fn/hello");
                assertEquals(200, ran.status(), "invocation " + (i + 1) + ": " + ran.body());
            }
            Person.Reply sixth = learner.get("/fn/hello");
            assertEquals(429, sixth.status(), sixth.body());
            assertTrue(sixth.body().contains("invocationsPerMinute"), sixth.body());
            assertNotNull(sixth.header("Retry-After"));
            assertEquals(200, neighbour.get("/fn/hello").status(), "one learner's quota is not another's");
        }

        void deployed(Person person) throws Exception {
            Person.Reply saved = person.send("PUT", "/api/functions/hello", js(HELLO));
            assertTrue(saved.status() == 200 || saved.status() == 201, saved.body());
        }

        @Test
        @DisplayName("keep the learner's buckets and tables within the class's storage: past it 413, and not their"
                + " neighbour's")
        void storage() {
            for (Person person : java.util.List.of(learner, neighbour)) {
                Person.Reply bucket = person.send("PUT", "/api/buckets/files", "");
                assertTrue(bucket.status() < 300, bucket.body());
            }
            Person.Reply fits = learner.send("PUT", "/api/buckets/files/objects/a.txt", "x".repeat(1000));
            assertTrue(fits.status() < 300, fits.body());
            Person.Reply over = learner.send("PUT", "/api/buckets/files/objects/b.txt", "x");
            assertEquals(413, over.status(), over.body());
            assertTrue(over.body().contains("storage quota of 1000 bytes"), over.body());
            Person.Reply theirs = neighbour.send("PUT", "/api/buckets/files/objects/a.txt", "x".repeat(1000));
            assertTrue(theirs.status() < 300, "one learner's storage is not another's: " + theirs.body());
        }

        @Test
        @DisplayName("keep the traffic generator under the class's rate")
        void trafficRate() throws Exception {
            learner.send("PUT", "/api/functions/hello", js(HELLO));
            Person.Reply fast = learner.send("POST", "/api/traffic", "{\"function\":\"hello\",\"pattern\":\"steady\","
                    + "\"rps\":10,\"durationSeconds\":5}");
            assertEquals(429, fast.status(), fast.body());
            assertTrue(fast.body().contains("trafficRps"), fast.body());
        }
    }

    @Nested
    @DisplayName("paused by its instructor")
    class Paused {

        @Test
        @DisplayName("stops every learner's traffic run and refuses their invocations with 423 until resumed")
        void pauseAndResume() throws Exception {
            String id = instructor.send("POST", "/api/classes", "{\"title\":\"Pausable\"}").json().path("id").asText();
            String code = instructor.get("/api/classes/" + id).json().path("joinCode").asText();
            Person learner = Person.learner(server, "Pat", code);
            assertEquals(201, learner.send("PUT", "/api/functions/hello", js(HELLO)).status());
            Person.Reply started = learner.send("POST", "/api/traffic", "{\"function\":\"hello\",\"pattern\":"
                    + "\"steady\",\"rps\":2,\"durationSeconds\":300}");
            assertEquals(202, started.status(), started.body());
            // The generator's requests act as the learner (its token), so they reach her function: wait for the first.
            JsonNode run = learner.get("/api/traffic").json().path("run");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (run.path("ok").asLong() == 0 && run.path("errors").asLong() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50); // a bounded wait for the run's first answer, however slow the machine
                run = learner.get("/api/traffic").json().path("run");
            }
            assertTrue(run.path("ok").asLong() > 0, "the run reached the function: " + run);
            assertEquals("running", run.path("state").asText(), run.toString());

            assertEquals(200, instructor.send("PATCH", "/api/classes/" + id, "{\"paused\":true}").status());
            assertEquals("stopped", learner.get("/api/traffic").json().path("run").path("state").asText(),
                    "pausing stopped the run: " + learner.get("/api/traffic").body());
            Person.Reply refused = learner.get("/fn/hello");
            assertEquals(423, refused.status(), refused.body());
            assertTrue(refused.body().contains("ClassPaused"), refused.body());
            assertTrue(learner.get("/api/classroom/session").json().path("classView").path("paused").asBoolean());

            assertEquals(200, instructor.send("PATCH", "/api/classes/" + id, "{\"paused\":false}").status());
            assertEquals(200, learner.get("/fn/hello").status());
        }
    }

    @Nested
    @DisplayName("seen from its instructor's dashboard")
    class Dashboard {

        @Test
        @DisplayName("shows a learner's answered prediction in the grid, and tells the class's live stream at once")
        void gridAndLiveStream() throws Exception {
            String id = instructor.send("POST", "/api/classes", "{\"title\":\"Live\"}").json().path("id").asText();
            String code = instructor.get("/api/classes/" + id).json().path("joinCode").asText();
            Person learner = Person.learner(server, "Lee", code);
            String learnerId = instructor.get("/api/classes/" + id + "/progress").json().path("learners").path(0)
                    .path("id").asText();
            assertEquals("not-started", instructor.get("/api/classes/" + id + "/progress").json().path("learners")
                    .path(0).path("status").asText());

            // The stream, read as a browser's EventSource would, with the instructor's session.
            HttpClient client = HttpClient.newBuilder().build();
            String cookie = instructorCookie();
            HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(
                            server.uri("/api/classes/" + id + "/events")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            waitFor(lines, "event: ready");
            CompletableFuture<String> activity = CompletableFuture.supplyAsync(() -> waitFor(lines,
                    "event: learner-activity"));

            Person.Reply answered = learner.send("POST", "/api/lessons/what-serverless-is/predictions/first-log",
                    "{\"choice\":1}");
            assertEquals(200, answered.status(), answered.body());
            assertTrue(activity.get(30, TimeUnit.SECONDS).contains("event: learner-activity"));
            String data = lines.readLine();
            assertTrue(data.startsWith("data: ") && data.contains(learnerId), data);
            stream.body().close();

            JsonNode row = instructor.get("/api/classes/" + id + "/progress?learner=" + learnerId).json()
                    .path("learners").path(0);
            assertEquals(1, row.path("lessons").path("what-serverless-is").path("predictionsAnswered").asInt(),
                    row.toString());
            assertEquals("working", row.path("status").asText());
            Person.Reply csv = instructor.get("/api/classes/" + id + "/gradebook.csv");
            assertEquals(200, csv.status());
            assertTrue(csv.body().startsWith("learner,learner_id,exercise,language,score,max_score,submitted_at,late"),
                    csv.body());
        }

        @Test
        @DisplayName("shows which learner's code runs in the quarantine: the one whose function ran into its timeout")
        void quarantinedLearners() throws Exception {
            String id = instructor.send("POST", "/api/classes", "{\"title\":\"Quarantine\"}").json().path("id").asText();
            String code = instructor.get("/api/classes/" + id).json().path("joinCode").asText();
            Person looper = Person.learner(server, "Lou", code);
            Person.learner(server, "Ann", code);
            Person.Reply saved = looper.send("PUT", "/api/functions/loop", "{\"runtime\":\"nodejs\",\"timeoutSeconds\":1,"
                    + "\"code\":\"export const handler = async () => { for (;;) {} };\"}");
            assertTrue(saved.status() == 200 || saved.status() == 201, saved.body());
            Person.Reply ran = looper.send("POST", "/api/functions/loop/invoke", "{}");
            assertTrue(ran.json().path("error").path("errorType").asText().contains("Timedout"), ran.body());

            java.util.Map<String, Boolean> quarantined = new java.util.TreeMap<>();
            instructor.get("/api/classes/" + id + "/progress").json().path("learners").forEach(row ->
                    quarantined.put(row.path("name").asText(), row.path("platform").path("quarantined").asBoolean()));
            assertEquals(java.util.Map.of("Ann", false, "Lou", true), quarantined);
        }

        private static String waitFor(BufferedReader lines, String wanted) {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals(wanted)) {
                        return line;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("the stream ended before " + wanted);
        }

        private static String instructorCookie() {
            Person.Reply signedIn = new Person(server, "t").send("POST", "/api/classroom/sign-in",
                    "{\"login\":\"turing\",\"password\":\"correct horse battery\"}");
            String header = signedIn.header("Set-Cookie");
            return header.substring(0, header.indexOf(';'));
        }
    }

    @Test
    @DisplayName("documents its default quotas truly: the README's table gives each figure")
    void quotasDocumented() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        dev.faaslab.classroom.ClassQuotas quotas = dev.faaslab.classroom.ClassQuotas.DEFAULT;
        for (String row : java.util.List.of("| `concurrentInstances` | " + quotas.concurrentInstances() + " ",
                "| `invocationsPerMinute` | " + quotas.invocationsPerMinute() + " ",
                "| `memoryMb` | " + quotas.memoryMb() + " MB ",
                "| `codeBytesPerFunction` | " + quotas.codeBytesPerFunction() / 1024 + " KB ",
                "| `codeStorageBytes` | " + quotas.codeStorageBytes() / (1024 * 1024) + " MB ",
                "| `trafficRps` | " + quotas.trafficRps() + " ",
                "| `storageBytes` | " + quotas.storageBytes() / (1024 * 1024) + " MB ")) {
            assertTrue(readme.contains("  " + row), "README.md's classroom quotas have the row " + row);
        }
    }

    @Test
    @DisplayName("writes a gradebook a spreadsheet cannot run: quoted where needed, formulas defused")
    void csvCells() {
        assertEquals("Ada", Csv.field("Ada"));
        assertEquals("\"Lovelace, Ada\"", Csv.field("Lovelace, Ada"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.field("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.field("+1"));
        assertEquals("a,b\r\n", Csv.row("a", "b"));
    }
}
