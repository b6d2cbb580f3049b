package dev.faaslab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Language;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry locks per workspace, and parses code outside any lock: a learner whose save is being parsed
 * holds up nobody else. The parse of one save is held open here by a test hook on the syntax check.
 */
class FunctionRegistryTest {

    static final WorkspaceId ADA = new WorkspaceId("ada");
    static final WorkspaceId GRACE = new WorkspaceId("grace");
    /** Far longer than any save takes; a save still blocked after it is blocked for good. */
    static final long WAIT_SECONDS = 30;
    /** Code that ends with this comment is held in its syntax check until the test releases it. */
    static final String HELD = "/* held */";

    Database database;
    Platform platform;
    ExecutorService threads = Executors.newCachedThreadPool();
    /** Counted down when the held check has begun, and by the test to let it finish. */
    CountDownLatch checking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start(@TempDir Path data) {
        database = Database.open(data);
        FunctionRegistry.SyntaxCheck real = FunctionRegistry.SyntaxCheck.of(SharedTestRuntime.get());
        FunctionRegistry.SyntaxCheck held = config -> {
            if (config.code().endsWith(HELD)) {
                checking.countDown();
                try {
                    release.await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.check(config);
        };
        platform = new Platform(Clock.system(), SharedTestRuntime.get(), new JdbcFunctionStore(database.dataSource()),
                new JdbcWorkspaceData(database.dataSource()), new JdbcEventLog(database.dataSource()),
                new PlatformLimits(4, 100, Duration.ofSeconds(10)), Destinations.NONE, held);
    }

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
        platform.close();
        database.close();
    }

    static FunctionSpec function(String name) {
        return FunctionSpec.of(name, Language.NODEJS, "index.handler",
                "export const handler = async () => 'hello from " + name + "';");
    }

    static FunctionSpec held(String name) {
        return FunctionSpec.of(name, Language.NODEJS, "index.handler",
                "export const handler = async () => 'hello from " + name + "'; " + HELD);
    }

    @Nested
    class WhileAdasSaveIsBeingParsed {

        Future<FunctionStore.Saved> adasSave;

        @BeforeEach
        void adaCreatesAFunctionWhoseCheckIsHeld() throws Exception {
            // Revision 0: only if no function of that name is there by the time it is stored.
            adasSave = threads.submit(() -> platform.save(ADA, held("slow"), 0L));
            assertTrue(checking.await(WAIT_SECONDS, TimeUnit.SECONDS), "Ada's save reaches the syntax check");
        }

        @Test
        void graceSavesAndDeletesInHerWorkspace() throws Exception {
            Future<Boolean> graceWork = threads.submit(() -> {
                platform.save(GRACE, function("kept"), null);
                platform.save(GRACE, function("gone"), null);
                return platform.delete(GRACE, "gone");
            });

            assertTrue(graceWork.get(WAIT_SECONDS, TimeUnit.SECONDS), "Grace's save and delete finish, and the delete finds her function");
            assertFalse(adasSave.isDone(), "while Ada's code is still being parsed");
            assertEquals(1, platform.functions(GRACE).size(), "Grace keeps the function she did not delete");

            release.countDown();
            assertTrue(adasSave.get(WAIT_SECONDS, TimeUnit.SECONDS).created(), "Ada's save goes on once parsed");
            assertEquals("slow", platform.functions(ADA).getFirst().name());
        }

        @Test
        void adaSavesAnotherFunctionOfHers() throws Exception {
            Future<FunctionStore.Saved> another = threads.submit(() -> platform.save(ADA, function("quick"), null));

            assertTrue(another.get(WAIT_SECONDS, TimeUnit.SECONDS).created(),
                    "a save in the same workspace is not held behind a parse: the parse is outside the lock");
            assertFalse(adasSave.isDone());

            release.countDown();
            adasSave.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(2, platform.functions(ADA).size());
        }

        @Test
        void aSaveOvertakenWhileParsedIsCheckedAgainUnderTheLock() throws Exception {
            platform.save(ADA, function("slow"), null); // another tab creates the function meanwhile
            release.countDown();

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> adasSave.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(ConflictException.class, failed.getCause(),
                    "the revision is read again once the code has parsed");
            assertEquals(1, platform.function(ADA, "slow").orElseThrow().revision(), "the other tab's save stays");
        }
    }
}
