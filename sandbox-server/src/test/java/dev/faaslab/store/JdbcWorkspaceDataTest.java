package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faaslab.core.WorkspaceId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;

@DisplayName("A workspace's documents")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcWorkspaceDataTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path temp;

    private Database database;
    private JdbcWorkspaceData data;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        data = new JdbcWorkspaceData(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Nested
    @DisplayName("as progress")
    class Progress {

        @Test
        @DisplayName("come back as written, by key, the last write of a key winning")
        void roundTrip() {
            data.putProgress(ANA, "lesson-2", "{\"step\":1}", NOW);
            data.putProgress(ANA, "lesson-1", "{\"done\":true}", NOW);
            data.putProgress(ANA, "lesson-2", "{\"step\":2, \"note\":\"héllo\"}", NOW.plusSeconds(1));
            assertEquals(List.of(Map.entry("lesson-1", "{\"done\":true}"),
                            Map.entry("lesson-2", "{\"step\":2, \"note\":\"héllo\"}")),
                    List.copyOf(data.progress(ANA).entrySet()));
            assertEquals(Optional.of("{\"step\":2, \"note\":\"héllo\"}"), data.progress(ANA, "lesson-2"), "one key read alone");
            assertEquals(Optional.empty(), data.progress(ANA, "lesson-3"));
        }

        @Test
        @DisplayName("are empty for a workspace that wrote none")
        void emptyForANewWorkspace() {
            assertEquals(Map.of(), data.progress(BEN));
        }

        @Test
        @DisplayName("refuse text that is not JSON, saying which document")
        void refuseNonJson() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> data.putProgress(ANA, "lesson-1", "{\"done\":tru", NOW));
            assertEquals("the progress document 'lesson-1' is not valid JSON: ", e.getMessage().substring(0, 52));
            assertThrows(IllegalArgumentException.class, () -> data.putProgress(ANA, "lesson-1", "{} {}", NOW));
            assertEquals(Map.of(), data.progress(ANA));
        }

        @Test
        @DisplayName("refuse an empty or overlong key")
        void refuseBadKeys() {
            assertThrows(IllegalArgumentException.class, () -> data.putProgress(ANA, "", "{}", NOW));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> data.putProgress(ANA, "k".repeat(257), "{}", NOW));
            assertEquals("the progress document's key must be 1 to 256 characters, not 257 characters", e.getMessage());
        }
    }

    @Nested
    @DisplayName("as settings")
    class Settings {

        @Test
        @DisplayName("come back as written, the last write winning, and are absent until written")
        void roundTrip() {
            assertEquals(Optional.empty(), data.setting(ANA, "prices"));
            data.putSetting(ANA, "prices", "{\"requests\":0.2}", NOW);
            data.putSetting(ANA, "prices", "{\"requests\":0.25}", NOW);
            data.putSetting(ANA, "limits", "[1, 2, 3]", NOW);
            assertEquals(Optional.of("{\"requests\":0.25}"), data.setting(ANA, "prices"));
            assertEquals(Optional.of("[1, 2, 3]"), data.setting(ANA, "limits"));
        }
    }

    @Nested
    @DisplayName("in two workspaces")
    class Isolation {

        @Test
        @DisplayName("stay in their own workspace under the same keys, and make it known")
        void stayApart() {
            data.putProgress(ANA, "lesson-1", "{\"who\":\"ana\"}", NOW);
            data.putProgress(BEN, "lesson-1", "{\"who\":\"ben\"}", NOW);
            data.putSetting(BEN, "prices", "{\"who\":\"ben\"}", NOW);
            assertEquals(Map.of("lesson-1", "{\"who\":\"ana\"}"), data.progress(ANA));
            assertEquals(Map.of("lesson-1", "{\"who\":\"ben\"}"), data.progress(BEN));
            assertEquals(Optional.empty(), data.setting(ANA, "prices"));
            // A workspace that only ever wrote documents has still "saved something".
            assertEquals(List.of(ANA, BEN), new JdbcFunctionStore(database.dataSource()).workspaces());
        }
    }
}
