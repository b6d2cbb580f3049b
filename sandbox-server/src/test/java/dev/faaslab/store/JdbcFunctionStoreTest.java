package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.FunctionStore.Saved;
import dev.faaslab.platform.FunctionStore.StoredVersions;
import dev.faaslab.platform.VersionRecord;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;

@DisplayName("The function store")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcFunctionStoreTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.000001Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path temp;

    private Database database;
    private JdbcFunctionStore store;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        store = new JdbcFunctionStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Nested
    @DisplayName("when saving a function")
    class Saving {

        @Test
        @DisplayName("creates it at revision 1 with Lambda's CodeSha256 of its UTF-8 code")
        void createsAtRevisionOne() {
            FunctionSpec spec = Specs.js("hello", "héllo");
            Saved saved = store.save(ANA, spec, T1);
            FunctionRecord expected = new FunctionRecord(ANA, spec, 1, "0yquccNWIqEQcdKsJDwyqPA85cPZpzBKVJDMv0sF40o=",
                    T1, T1);
            assertEquals(new Saved(expected, true), saved);
            assertEquals(Optional.of(expected), store.find(ANA, "hello"));
        }

        @Test
        @DisplayName("keeps a package of several files, hashed and counted by its zip, into its versions")
        void keepsAPackage() {
            dev.faaslab.runtime.CodePackage files = dev.faaslab.runtime.CodePackage.fromFiles(Map.of(
                    "src/app.mjs", "export const handler = async () => 'from a package';".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "node_modules/ms/index.js", "module.exports = () => 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            FunctionSpec spec = new FunctionSpec("pkg", Language.NODEJS, HandlerName.parse("src/app.handler"), null, 128,
                    Duration.ofSeconds(3), Map.of(), null, 0, FunctionSpec.DEFAULT_KEEP_ALIVE,
                    dev.faaslab.platform.EventInvokeConfig.DEFAULT, files);
            FunctionRecord saved = store.save(ANA, spec, T1).function();
            assertEquals(files.sha256(), saved.codeSha256(), "Lambda's CodeSha256 is the zip's");
            FunctionSpec read = store.find(ANA, "pkg").orElseThrow().spec();
            assertEquals(spec, read);
            assertEquals(files.files().keySet(), read.codePackage().files().keySet());
            assertEquals("export const handler = async () => 'from a package';", read.code(), "code is the handler's file");
            store.publish(ANA, "pkg", "first", T2);
            assertEquals(files, store.version(ANA, "pkg", 1).orElseThrow().spec().codePackage());
            assertEquals(files.zippedBytes(), store.storedVersions(ANA).get("pkg").codeBytes(), "counted as zipped");
        }

        @Test
        @DisplayName("keeps every setting as it was given")
        void roundTripsEverySetting() {
            FunctionSpec python = new FunctionSpec("py_fn", Language.PYTHON, HandlerName.parse("app.main"),
                    "def main(event, context):\n    return {'ok': True}\n", 1769, Duration.ofMillis(12_500),
                    Map.of("TABLE", "orders", "EMPTY", "", "QUOTED", "say \"hi\"\n"), 7, 3, Duration.ofSeconds(90));
            FunctionSpec noReservation = Specs.js("js-fn").withReservedConcurrency(null);
            FunctionSpec switchedOff = Specs.js("off").withReservedConcurrency(0);
            for (FunctionSpec spec : List.of(python, noReservation, switchedOff)) {
                store.save(ANA, spec, T1);
                assertEquals(spec, store.find(ANA, spec.name()).orElseThrow().spec());
            }
        }

        @Test
        @DisplayName("updates it to the next revision, keeping when it was created")
        void updatesToTheNextRevision() {
            store.save(ANA, Specs.js("hello"), T1);
            FunctionSpec changed = Specs.js("hello", "v2").withMemoryMb(512);
            Saved saved = store.save(ANA, changed, T2);
            assertFalse(saved.created());
            assertEquals(2, saved.function().revision());
            assertEquals(T1, saved.function().createdAt());
            assertEquals(T2, saved.function().updatedAt());
            assertEquals(changed, saved.function().spec());
            assertEquals(Optional.of(saved.function()), store.find(ANA, "hello"));
            assertEquals(3, store.save(ANA, changed, T3).function().revision());
        }

        @Test
        @DisplayName("stores times to the microsecond, and returns them as a later read will")
        void truncatesToMicroseconds() {
            Instant precise = Instant.parse("2026-03-01T10:00:00.123456789Z");
            FunctionRecord saved = store.save(ANA, Specs.js("hello"), precise).function();
            assertEquals(Instant.parse("2026-03-01T10:00:00.123456Z"), saved.createdAt());
            assertEquals(saved, store.find(ANA, "hello").orElseThrow());
        }

        @Test
        @DisplayName("lists the workspace's functions by name, and finds nothing for an unknown name")
        void listsByName() {
            for (String name : List.of("delta", "alpha", "charlie", "bravo")) {
                store.save(ANA, Specs.js(name), T1);
            }
            assertEquals(List.of("alpha", "bravo", "charlie", "delta"),
                    store.list(ANA).stream().map(FunctionRecord::name).toList());
            assertEquals(Optional.empty(), store.find(ANA, "echo"));
        }

        @Test
        @Timeout(120)
        @DisplayName("counts every revision when threads save the same function at once")
        void concurrentSavesOfOneFunction() throws Exception {
            int threads = 4;
            int saves = 15;
            List<Saved> results = concurrently(threads, thread -> {
                List<Saved> mine = new ArrayList<>();
                for (int i = 0; i < saves; i++) {
                    mine.add(store.save(ANA, Specs.js("shared", thread + "-" + i), T1));
                }
                return mine;
            });
            assertEquals(1, results.stream().filter(Saved::created).count());
            assertEquals(IntStream.rangeClosed(1, threads * saves).boxed().toList(),
                    results.stream().map(saved -> (int) saved.function().revision()).sorted().toList());
            assertEquals(threads * saves, store.find(ANA, "shared").orElseThrow().revision());
        }

        @Test
        @Timeout(120)
        @DisplayName("creates them all when threads save different functions at once, in a new workspace")
        void concurrentSavesOfDifferentFunctions() throws Exception {
            int threads = 4;
            int saves = 15;
            List<Saved> results = concurrently(threads, thread -> {
                List<Saved> mine = new ArrayList<>();
                for (int i = 0; i < saves; i++) {
                    mine.add(store.save(BEN, Specs.js("f-" + thread + "-" + i), T1));
                }
                return mine;
            });
            assertTrue(results.stream().allMatch(saved -> saved.created() && saved.function().revision() == 1));
            assertEquals(threads * saves, store.list(BEN).size());
            assertEquals(List.of(BEN), store.workspaces());
        }
    }

    @Nested
    @DisplayName("when deleting a function")
    class Deleting {

        @Test
        @DisplayName("removes it with its versions, and a new one of that name starts again at version 1")
        void removesItAndItsVersions() {
            store.save(ANA, Specs.js("hello"), T1);
            store.publish(ANA, "hello", "", T1);
            assertTrue(store.delete(ANA, "hello"));
            assertEquals(Optional.empty(), store.find(ANA, "hello"));
            assertEquals(List.of(), store.versions(ANA, "hello"));
            assertEquals(Optional.empty(), store.version(ANA, "hello", 1));

            store.save(ANA, Specs.js("hello", "again"), T2);
            assertEquals(1, store.find(ANA, "hello").orElseThrow().revision());
            assertEquals(1, store.publish(ANA, "hello", "", T2).version());
        }

        @Test
        @DisplayName("says false when there is no such function")
        void falseWhenAbsent() {
            assertFalse(store.delete(ANA, "nothing"));
        }
    }

    @Nested
    @DisplayName("when publishing a version")
    class Publishing {

        @Test
        @DisplayName("numbers versions 1, 2, 3 as the code changes, with the code's hash and the description")
        void numbersVersions() {
            store.save(ANA, Specs.js("hello", "v1"), T1);
            VersionRecord first = store.publish(ANA, "hello", "first", T1);
            store.save(ANA, Specs.js("hello", "v2"), T2);
            VersionRecord second = store.publish(ANA, "hello", "second", T2);
            store.save(ANA, Specs.js("hello", "v3"), T3);
            VersionRecord third = store.publish(ANA, "hello", null, T3);

            assertEquals(List.of(1, 2, 3), List.of(first.version(), second.version(), third.version()));
            assertEquals(new VersionRecord(ANA, "hello", 2, Specs.js("hello", "v2"), "second",
                    Specs.js("hello", "v2").codeSha256(), T2), second);
            assertEquals("", third.description());
            assertEquals(List.of(first, second, third), store.versions(ANA, "hello"));
            assertEquals(Optional.of(second), store.version(ANA, "hello", 2));
            assertEquals(Optional.empty(), store.version(ANA, "hello", 4));
        }

        @Test
        @DisplayName("returns the newest version instead of a new one when nothing changed, as Lambda does")
        void unchangedReturnsTheNewest() {
            store.save(ANA, Specs.js("hello"), T1);
            VersionRecord first = store.publish(ANA, "hello", "first", T1);
            assertEquals(first, store.publish(ANA, "hello", "again", T2));

            // Saving the same code and configuration makes a new revision, but nothing to publish.
            store.save(ANA, Specs.js("hello"), T2);
            assertEquals(first, store.publish(ANA, "hello", "again", T3));
            assertEquals(List.of(first), store.versions(ANA, "hello"));
        }

        @Test
        @DisplayName("publishes a new version when only the configuration changed")
        void configurationChangeIsNew() {
            store.save(ANA, Specs.js("hello"), T1);
            store.publish(ANA, "hello", "", T1);
            store.save(ANA, Specs.js("hello").withEnvironment(Map.of("MODE", "fast")), T2);
            assertEquals(2, store.publish(ANA, "hello", "", T2).version());
            store.save(ANA, Specs.js("hello").withEnvironment(Map.of("MODE", "fast")).withTimeout(Duration.ofSeconds(9)),
                    T3);
            assertEquals(3, store.publish(ANA, "hello", "", T3).version());
        }

        @Test
        @DisplayName("treats scaling settings as the function's, not a version's: changing only them publishes nothing")
        void scalingIsNotVersioned() {
            store.save(ANA, Specs.js("hello"), T1);
            VersionRecord first = store.publish(ANA, "hello", "", T1);
            store.save(ANA, Specs.js("hello").withReservedConcurrency(5).withKeepAlive(Duration.ofMinutes(1)), T2);
            assertEquals(first, store.publish(ANA, "hello", "", T2));
        }

        @Test
        @DisplayName("keeps a version as published when $LATEST changes afterwards")
        void versionsAreImmutable() {
            FunctionSpec original = Specs.js("hello", "v1");
            store.save(ANA, original, T1);
            VersionRecord published = store.publish(ANA, "hello", "", T1);
            store.save(ANA, Specs.js("hello", "v2").withMemoryMb(2048).withEnvironment(Map.of("A", "b")), T2);

            VersionRecord reread = store.version(ANA, "hello", 1).orElseThrow();
            assertEquals(published, reread);
            assertEquals(original, reread.spec());
            assertNotEquals(store.find(ANA, "hello").orElseThrow().codeSha256(), reread.codeSha256());
        }

        @Test
        @DisplayName("runs the check it is given before a new version only, and writes nothing when it refuses")
        void checksBeforeANewVersion() {
            store.save(ANA, Specs.js("hello", "v1"), T1);
            List<String> checked = new ArrayList<>();
            VersionRecord first = store.publish(ANA, "hello", "", T1, () -> checked.add("v1"));
            assertEquals(first, store.publish(ANA, "hello", "", T2, () -> checked.add("unchanged")));
            assertEquals(List.of("v1"), checked, "an unchanged function is answered without a check");

            store.save(ANA, Specs.js("hello", "v2"), T2);
            IllegalStateException refused = new IllegalStateException("over the quota");
            assertEquals(refused, assertThrows(IllegalStateException.class,
                    () -> store.publish(ANA, "hello", "", T2, () -> { throw refused; })));
            assertEquals(List.of(first), store.versions(ANA, "hello"));
            assertEquals(2, store.publish(ANA, "hello", "", T3).version(), "the refused number is free");
        }

        @Test
        @DisplayName("measures each function's versions: how many, and their code's bytes in UTF-8")
        void measuresVersions() {
            FunctionSpec accented = FunctionSpec.of("cafe", Language.NODEJS, "index.handler",
                    "export const handler = async () => 'crème brûlée €';");
            store.save(ANA, accented, T1);
            store.publish(ANA, "cafe", "", T1);
            store.save(ANA, Specs.js("hello", "v1"), T1);
            store.publish(ANA, "hello", "", T1);
            store.save(ANA, Specs.js("hello", "v22"), T2);
            store.publish(ANA, "hello", "", T2);
            store.save(ANA, Specs.js("plain"), T1);
            store.save(BEN, Specs.js("hello"), T1);
            store.publish(BEN, "hello", "", T1);

            long accentedBytes = accented.code().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertEquals(accented.code().length() + 5, accentedBytes, "è, û, é take 2 bytes, € 3");
            assertEquals(Map.of("cafe", new StoredVersions(1, accentedBytes),
                    "hello", new StoredVersions(2, Specs.js("hello", "v1").code().length()
                            + Specs.js("hello", "v22").code().length())), store.storedVersions(ANA));
            assertEquals(Map.of(), store.storedVersions(new WorkspaceId("cy")));
        }

        @Test
        @DisplayName("says there is no such function, naming it")
        void noSuchFunction() {
            NoSuchElementException e = assertThrows(NoSuchElementException.class,
                    () -> store.publish(ANA, "ghost", "", T1));
            assertEquals("there is no function 'ghost' in workspace 'ana' to publish: create it first", e.getMessage());
        }

        @Test
        @Timeout(120)
        @DisplayName("publishes one version when threads publish an unchanged function at once")
        void concurrentPublishesOfUnchangedCode() throws Exception {
            store.save(ANA, Specs.js("hello"), T1);
            List<VersionRecord> results = concurrently(6, thread -> List.of(store.publish(ANA, "hello", "", T1)));
            assertEquals(List.of(1), results.stream().map(VersionRecord::version).distinct().toList());
            assertEquals(1, store.versions(ANA, "hello").size());
        }

        @Test
        @Timeout(120)
        @DisplayName("numbers versions without gaps or duplicates when threads change and publish at once")
        void concurrentChangesAndPublishes() throws Exception {
            store.save(ANA, Specs.js("hello"), T1);
            List<VersionRecord> results = concurrently(4, thread -> {
                List<VersionRecord> mine = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    store.save(ANA, Specs.js("hello", thread + "-" + i), T1);
                    mine.add(store.publish(ANA, "hello", thread + "-" + i, T1));
                }
                return mine;
            });
            List<VersionRecord> versions = store.versions(ANA, "hello");
            assertEquals(IntStream.rangeClosed(1, versions.size()).boxed().toList(),
                    versions.stream().map(VersionRecord::version).toList());
            for (int i = 1; i < versions.size(); i++) {
                // A new version is only made when something changed since the one before.
                assertNotEquals(versions.get(i - 1).codeSha256(), versions.get(i).codeSha256());
            }
            // What each publisher was given is what is stored under that number.
            for (VersionRecord result : results) {
                assertEquals(versions.get(result.version() - 1), result);
            }
        }
    }

    @Nested
    @DisplayName("when two workspaces use the same names")
    class Isolation {

        @Test
        @DisplayName("keeps each workspace's function, versions and revisions to itself")
        void keepsWorkspacesApart() {
            store.save(ANA, Specs.js("hello", "ana"), T1);
            store.save(ANA, Specs.js("hello", "ana-2"), T2);
            store.publish(ANA, "hello", "ana's", T2);
            store.save(BEN, Specs.js("hello", "ben"), T3);
            store.save(BEN, Specs.js("only-ben"), T3);

            FunctionRecord bens = store.find(BEN, "hello").orElseThrow();
            assertEquals(BEN, bens.workspace());
            assertEquals(1, bens.revision());
            assertEquals(Specs.js("hello", "ben"), bens.spec());
            assertEquals(2, store.find(ANA, "hello").orElseThrow().revision());
            assertEquals(List.of("hello"), store.list(ANA).stream().map(FunctionRecord::name).toList());
            assertEquals(List.of("hello", "only-ben"), store.list(BEN).stream().map(FunctionRecord::name).toList());
            assertEquals(Optional.empty(), store.find(ANA, "only-ben"));
            assertEquals(List.of(), store.versions(BEN, "hello"));
            assertEquals(Optional.empty(), store.version(BEN, "hello", 1));
            assertEquals(1, store.publish(BEN, "hello", "ben's", T3).version());
            assertEquals("ana's", store.version(ANA, "hello", 1).orElseThrow().description());
            assertEquals(List.of(ANA, BEN), store.workspaces());
        }

        @Test
        @DisplayName("deletes only in the workspace asked")
        void deletesOnlyThere() {
            store.save(ANA, Specs.js("hello"), T1);
            store.publish(ANA, "hello", "", T1);
            store.save(BEN, Specs.js("hello"), T1);
            assertFalse(store.delete(BEN, "only-ana"));
            assertTrue(store.delete(BEN, "hello"));
            assertTrue(store.find(ANA, "hello").isPresent());
            assertEquals(1, store.versions(ANA, "hello").size());
            assertFalse(store.delete(BEN, "hello"));
        }
    }

    /** Runs {@code work} on {@code threads} threads released together; returns all their results. */
    static <T> List<T> concurrently(int threads, ThreadWork<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<T>> task = () -> {
                    start.await();
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                results.addAll(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    interface ThreadWork<T> {
        List<T> run(int thread) throws Exception;
    }
}
