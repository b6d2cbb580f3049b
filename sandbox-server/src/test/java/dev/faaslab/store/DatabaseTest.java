package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.PendingEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The database")
class DatabaseTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

    @TempDir
    Path temp;

    @Nested
    @DisplayName("when opened")
    class Opening {

        @Test
        @DisplayName("creates a missing data directory, parents included, with its database file")
        void createsTheDirectory() {
            Path directory = temp.resolve("a/b/data");
            try (Database database = Database.open(directory)) {
                assertEquals(directory.toAbsolutePath(), database.directory());
            }
            assertTrue(Files.isRegularFile(directory.resolve(Database.FILE_NAME + ".mv.db")));
        }

        @Test
        @DisplayName("keeps functions, versions, documents and events across close and reopen")
        void survivesReopening() {
            Path directory = temp.resolve("data");
            WorkspaceId workspace = new WorkspaceId("ana");
            PendingEvent event = new PendingEvent("req-1", workspace, "hello", "$LATEST", "{\"n\":1}", NOW);
            FunctionRecord saved;
            try (Database database = Database.open(directory)) {
                JdbcFunctionStore functions = new JdbcFunctionStore(database.dataSource());
                saved = functions.save(workspace, Specs.js("hello"), NOW).function();
                functions.publish(workspace, "hello", "first", NOW);
                JdbcWorkspaceData data = new JdbcWorkspaceData(database.dataSource());
                data.putProgress(workspace, "lesson-1", "{\"done\":true}", NOW);
                data.putSetting(workspace, "prices", "{\"gbSecond\":0.0000166667}", NOW);
                new JdbcEventLog(database.dataSource()).append(event);
            }
            try (Database database = Database.open(directory)) {
                JdbcFunctionStore functions = new JdbcFunctionStore(database.dataSource());
                assertEquals(Optional.of(saved), functions.find(workspace, "hello"));
                assertEquals("first", functions.version(workspace, "hello", 1).orElseThrow().description());
                JdbcWorkspaceData data = new JdbcWorkspaceData(database.dataSource());
                assertEquals(Map.of("lesson-1", "{\"done\":true}"), data.progress(workspace));
                assertEquals(Optional.of("{\"gbSecond\":0.0000166667}"), data.setting(workspace, "prices"));
                assertEquals(List.of(event), new JdbcEventLog(database.dataSource()).pending());
            }
        }

        @Test
        @DisplayName("refuses a directory this process already has open, and opens it once closed")
        void refusesADirectoryOpenInThisProcess() {
            Path directory = temp.resolve("data");
            Database first = Database.open(directory);
            try (first) {
                DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> Database.open(directory));
                assertEquals("the data directory " + directory + " is in use by another FaaS Lab server in this"
                        + " process: stop it or choose another with --data DIR", e.getMessage());
                // The refused open did not disturb the first.
                new JdbcFunctionStore(first.dataSource()).save(WorkspaceId.LOCAL, Specs.js("hello"), NOW);
            }
            try (Database again = Database.open(directory)) {
                assertTrue(new JdbcFunctionStore(again.dataSource()).find(WorkspaceId.LOCAL, "hello").isPresent());
            }
        }

        @Test
        @DisplayName("can be closed twice")
        void closesOnce() {
            Database database = Database.open(temp.resolve("data"));
            database.close();
            database.close();
        }

        @Test
        @DisplayName("refuses a directory it may not write to, saying so in one line")
        void refusesAnUnwritableDirectory() throws IOException {
            Path directory = Files.createDirectory(temp.resolve("read-only"));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
            try {
                assumeFalse(canWriteIn(directory), "this user (root?) writes through permissions");
                DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> Database.open(directory));
                assertEquals("the data directory " + directory + " is not writable: choose another with --data DIR",
                        e.getMessage());
            } finally {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        }

        @Test
        @DisplayName("refuses a directory it cannot create because its parent is a regular file (even as root)")
        void refusesADirectoryUnderAFile() throws IOException {
            Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
            Path directory = file.resolve("data");
            DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> Database.open(directory));
            assertEquals("the data directory " + directory + " cannot be created (" + file
                    + " is a file): choose another with --data DIR", e.getMessage());
        }

        @Test
        @DisplayName("refuses a data directory that is a regular file")
        void refusesAFile() throws IOException {
            Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
            DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> Database.open(file));
            assertEquals("the data directory " + file + " is a file, not a directory: choose another with --data DIR",
                    e.getMessage());
        }

        @Test
        @Timeout(120)
        @DisplayName("refuses a directory another process holds open (H2's file lock), and opens it once released")
        void refusesADirectoryInUse() throws Exception {
            Path directory = temp.resolve("data");
            Path stderr = temp.resolve("child.err");
            Process holder = StoreChild.start("hold", directory, stderr);
            try {
                BufferedReader out = holder.inputReader();
                assertEquals("OPEN", out.readLine(), () -> "the holder did not open the database: " + read(stderr));

                DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> Database.open(directory));
                assertEquals("the data directory " + directory.toAbsolutePath() + " is in use by another FaaS Lab"
                        + " server (H2 lock): stop it or choose another with --data DIR", e.getMessage());

                holder.getOutputStream().close();
                assertEquals("CLOSED", out.readLine(), () -> "the holder did not close: " + read(stderr));
                assertEquals(0, holder.waitFor());
                try (Database database = Database.open(directory)) {
                    assertTrue(new JdbcFunctionStore(database.dataSource()).workspaces().isEmpty());
                }
            } finally {
                holder.destroyForcibly();
            }
        }

        private static boolean canWriteIn(Path directory) {
            try {
                Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Nested
    @DisplayName("when its process is killed (SIGKILL) right after commits")
    class Durability {

        /**
         * The child prints ACK after each save returns; the parent kills it after reading {@code acks} of
         * them. Every ACK printed, read before the kill or still in the pipe after it, must be in the database.
         */
        @ParameterizedTest(name = "on {0}, after {1} acknowledged saves")
        @CsvSource({"H2, 1", "H2, 40", "H2, 200", "POSTGRESQL, 200"})
        @Timeout(120)
        @DisplayName("keeps every save it acknowledged")
        void keepsEveryAcknowledgedSave(TestDatabase engine, int acks) throws Exception {
            Path directory = temp.resolve("data");
            Path stderr = temp.resolve("child.err");
            Process child = engine == TestDatabase.POSTGRESQL
                    ? StoreChild.start("save", directory, stderr, TestPostgres.get().url(directory).toString())
                    : StoreChild.start("save", directory, stderr);
            List<String> acknowledged = new ArrayList<>();
            int exit;
            try {
                BufferedReader out = child.inputReader();
                String line;
                while (acknowledged.size() < acks && (line = out.readLine()) != null) {
                    acknowledged.add(name(line));
                }
                assertEquals(acks, acknowledged.size(), () -> "the child stopped early: " + read(stderr));
                // SIGKILL, as Process.destroyForcibly sends, but through the handle: Process's method
                // also closes our end of the pipe, and the lines still in it are acknowledgements too.
                child.toHandle().destroyForcibly();
                while ((line = out.readLine()) != null) {
                    acknowledged.add(name(line));
                }
                exit = child.waitFor();
            } finally {
                child.destroyForcibly();
            }
            assertEquals(128 + 9, exit, "the child should have died of SIGKILL, not finished");

            try (Database database = engine.open(directory)) {
                List<FunctionRecord> functions = new JdbcFunctionStore(database.dataSource()).list(WorkspaceId.LOCAL);
                Set<String> present = functions.stream().map(FunctionRecord::name).collect(Collectors.toSet());
                List<String> lost = acknowledged.stream().filter(name -> !present.contains(name)).toList();
                assertEquals(List.of(), lost, "acknowledged, then lost in the kill");
                // At most the one save the kill interrupted between commit and ACK is there unacknowledged.
                assertTrue(present.size() <= acknowledged.size() + 1, () -> present.size() + " functions for "
                        + acknowledged.size() + " acknowledgements");
                assertTrue(functions.stream().allMatch(function -> function.revision() == 1));
            }
        }

        private static String name(String line) {
            assertTrue(line.startsWith("ACK "), () -> "the child printed '" + line + "'");
            return line.substring("ACK ".length());
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no standard error)";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
