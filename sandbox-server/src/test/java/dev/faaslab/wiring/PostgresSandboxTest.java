package dev.faaslab.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.state.table.KeyType;
import dev.faaslab.store.TestDatabase;
import dev.faaslab.time.Clock;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server-level path of {@code faaslab start --database postgresql://...}: the whole wiring on PostgreSQL. */
@DisplayName("A sandbox on PostgreSQL")
class PostgresSandboxTest {

    private static final WorkspaceId WS = WorkspaceId.LOCAL;
    private static final String COUNTER = """
            import { table } from 'faaslab';
            export const handler = async () => (await table('visits').increment({ id: 'home' }, 'count')).value;
            """;

    @TempDir
    Path data;

    private Sandbox open() {
        return Sandbox.open(TestDatabase.POSTGRESQL.open(data), Clock.system(), SharedTestRuntime.get(),
                PlatformLimits.DEFAULT);
    }

    @Test
    @DisplayName("deploys and invokes a function, and finds it and the state it wrote after reopening")
    void keepsStateAcrossReopening() {
        Sandbox first = open();
        try {
            assertTrue(first.database().location().startsWith("postgresql://faaslab@127.0.0.1:"),
                    first.database().location());
            first.tables().create(WS, "visits", "id", KeyType.STRING, null, null);
            first.platform().save(WS, FunctionSpec.of("counter", Language.NODEJS, "index.handler", COUNTER), null);
            assertEquals("1", answer(first.platform().invoke(WS, "counter", null, "{}")));
            first.platform().publish(WS, "counter", "the first");
        } finally {
            first.close();
        }
        Sandbox second = open();
        try {
            assertEquals(1, second.platform().versions(WS, "counter").size(), "published versions");
            assertEquals("2", answer(second.platform().invoke(WS, "counter", null, "{}")));
        } finally {
            second.close();
        }
    }

    private static String answer(Invocation invocation) {
        Invocation.Completed completed = (Invocation.Completed) invocation;
        return switch (completed.result().outcome()) {
            case Outcome.Success(String json) -> json;
            case Outcome.Failure failure -> throw new AssertionError("the invocation failed: " + failure.error());
        };
    }
}
