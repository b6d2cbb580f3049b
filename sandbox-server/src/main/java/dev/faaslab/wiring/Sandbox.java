package dev.faaslab.wiring;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.QueuePoller;
import dev.faaslab.events.queue.QueueSdk;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.schedule.Scheduler;
import dev.faaslab.events.stream.StreamPoller;
import dev.faaslab.events.stream.TableStreams;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.platform.FunctionFetch;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.platform.Quotas;
import dev.faaslab.classroom.ClassQuotas;
import dev.faaslab.classroom.Classroom;
import dev.faaslab.store.JdbcClassroomStore;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.sdk.SdkService;
import dev.faaslab.state.bucket.BucketLimits;
import dev.faaslab.state.bucket.BucketSdk;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.table.TableLimits;
import dev.faaslab.state.table.TableSdk;
import dev.faaslab.state.table.Tables;
import dev.faaslab.store.DataDirectoryException;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcBucketStore;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcQueueStore;
import dev.faaslab.store.JdbcScheduleStore;
import dev.faaslab.store.JdbcStreamStore;
import dev.faaslab.store.JdbcTableStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place where the server's parts are built and joined: the database, the platform and the
 * services around it. {@code ./faaslab start}, the HTTP benchmark and the tests all open a sandbox
 * this way, so they run the same wiring. The runtime is the caller's: tests share one across servers.
 */
public final class Sandbox implements AutoCloseable {

    private final Clock clock;
    private Classroom classroom;
    private final Database database;
    private final Platform platform;
    private final WorkspaceData workspaceData;
    private final Tables tables;
    private final Buckets buckets;
    private final QueueService queues;
    private final QueuePoller queuePoller;
    private final Scheduler scheduler;
    private final TableStreams tableStreams;
    private final StreamPoller streamPoller;
    /** The platform's part in freeing memory when the server is short (the runtime may outlive it: tests share one). */
    private final FunctionRuntime.Registration reclaiming;
    /** Classroom mode's CPU sharing among learners (see FunctionRuntime#shareCpu), or null. */
    private FunctionRuntime.Registration cpuSharing;
    /** Classroom mode's quarantine for learners whose code runs into its limits, or null. */
    private dev.faaslab.runtime.worker.WorkerProcess quarantine;
    private final FunctionRuntime runtime;

    private Sandbox(Clock clock, Database database, Platform platform, WorkspaceData workspaceData, Tables tables, Buckets buckets,
                    QueueService queues, QueuePoller queuePoller, Scheduler scheduler, TableStreams tableStreams,
                    StreamPoller streamPoller, FunctionRuntime runtime, FunctionRuntime.Registration reclaiming) {
        this.runtime = runtime;
        this.reclaiming = reclaiming;
        this.clock = clock;
        this.database = database;
        this.platform = platform;
        this.workspaceData = workspaceData;
        this.tables = tables;
        this.buckets = buckets;
        this.queues = queues;
        this.queuePoller = queuePoller;
        this.scheduler = scheduler;
        this.tableStreams = tableStreams;
        this.streamPoller = streamPoller;
    }

    /**
     * Opens (or creates) the state in {@code dataDirectory} and starts the platform on it.
     *
     * @throws DataDirectoryException when the directory cannot hold FaaS Lab's state, in one line a person can act on
     */
    public static Sandbox open(Path dataDirectory, Clock clock, FunctionRuntime runtime, PlatformLimits limits) {
        return open(Database.open(dataDirectory), clock, runtime, limits);
    }

    /**
     * Starts the platform on {@code database}, already open (H2's or PostgreSQL's); the sandbox closes it
     * when it closes, or when it cannot start.
     */
    public static Sandbox open(Database database, Clock clock, FunctionRuntime runtime, PlatformLimits limits) {
        try {
            JdbcQueueStore queueStore = new JdbcQueueStore(database.dataSource());
            QueueService queues = new QueueService(queueStore, clock);
            // The queues are the platform's on-failure destinations; the poller invokes the platform's functions.
            WorkspaceData workspaceData = new JdbcWorkspaceData(database.dataSource());
            Platform platform = new Platform(clock, runtime, new JdbcFunctionStore(database.dataSource()),
                    workspaceData, new JdbcEventLog(database.dataSource()), limits, queues);
            try {
                Tables tables = new Tables(new JdbcTableStore(database.dataSource()), clock, TableLimits.DEFAULT);
                Buckets buckets = new Buckets(new JdbcBucketStore(database.dataSource()),
                        database.directory().resolve("buckets"), clock, BucketLimits.DEFAULT, bucketTargets(platform));
                // Functions reach these through the faaslab module, each in its own workspace.
                for (SdkService service : sdkServices(tables, buckets, queues, platform)) {
                    platform.sdk().register(service);
                }
                // Tables write their streams' records themselves (the table store, in each write's transaction).
                JdbcStreamStore streamStore = new JdbcStreamStore(database.dataSource());
                TableStreams tableStreams = new TableStreams(streamStore, tables, clock);
                return new Sandbox(clock, database, platform, workspaceData, tables, buckets, queues,
                        new QueuePoller(platform, queues, queueStore, clock),
                        new Scheduler(clock, new JdbcScheduleStore(database.dataSource()), platform), tableStreams,
                        new StreamPoller(platform, tableStreams, streamStore, queues, clock), runtime,
                        runtime.onShortOfMemory(platform::reclaimIdle));
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Turns classroom mode on (once; later calls answer the same): instructors, classes and learners in this
     * sandbox's database, and each learner's workspace limited by their class's quotas.
     */
    public synchronized Classroom classroom() {
        if (classroom == null) {
            Classroom made = new Classroom(new JdbcClassroomStore(database.dataSource()), clock);
            platform.limitEach((workspace, defaults) -> made.classOfWorkspace(workspace)
                    .map(info -> limited(defaults, info.quotas())).orElse(defaults));
            dev.faaslab.state.StorageQuota storage = workspace -> made.classOfWorkspace(workspace)
                    .map(info -> info.quotas().storageBytes()).orElse(dev.faaslab.state.StorageQuota.DEFAULT_BYTES);
            tables.limitEach(storage);
            buckets.limitEach(storage);
            // Learners share the server's cores: one's endless loops yield to everyone's short requests.
            cpuSharing = runtime.shareCpu();
            // And one's memory bombs and endless loops run, once met, in a heap of their own at the lowest priority
            // (-Dfaaslab.quarantine=false keeps everyone in this process, to compare: the classroom bench;
            // -Dfaaslab.quarantine.nice=0 runs it at normal priority, for a test on a busy machine that uses it).
            if (Boolean.parseBoolean(System.getProperty("faaslab.quarantine", "true"))) {
                quarantine = dev.faaslab.runtime.worker.WorkerProcess.likeThisJvm(
                        Integer.getInteger("faaslab.quarantine.heapMb", QUARANTINE_HEAP_MB),
                        Integer.getInteger("faaslab.quarantine.nice", dev.faaslab.runtime.worker.WorkerProcess.LOWEST_PRIORITY),
                        true);
                quarantine.start(); // now, while the server is quiet: see WorkerMain
                platform.quarantineIn(quarantine);
            }
            classroom = made;
        }
        return classroom;
    }

    /**
     * The quarantine's heap: room for ten learners' memory cases at once, each stopped at its memory size (up to 224 MB
     * for 128 MB functions, as measured), besides the worker's engines.
     */
    static final int QUARANTINE_HEAP_MB = 3072;

    /** The platform's limits with a class's quotas in place of the concurrency, memory and code sizes. */
    static PlatformLimits limited(PlatformLimits defaults, ClassQuotas quotas) {
        Quotas platform = defaults.quotas();
        return defaults.with(quotas.concurrentInstances(), quotas.memoryMb()).withQuotas(new Quotas(
                platform.functionsPerWorkspace(), quotas.codeBytesPerFunction(), quotas.codeStorageBytes(),
                platform.versionsPerFunction(), platform.asyncPayloadBytes(), platform.asyncBacklogEvents(),
                platform.asyncBacklogBytes()));
    }

    /** Whether {@link #classroom()} was called: the server then runs a class. */
    public synchronized boolean classroomMode() {
        return classroom != null;
    }

    public Database database() {
        return database;
    }

    public Platform platform() {
        return platform;
    }

    /** Each workspace's progress and settings: the progress API reads and writes it without the platform. */
    public WorkspaceData workspaceData() {
        return workspaceData;
    }

    public Tables tables() {
        return tables;
    }

    public Buckets buckets() {
        return buckets;
    }

    public QueueService queues() {
        return queues;
    }

    /** The queue → function triggers and their poller. */
    public QueuePoller queuePoller() {
        return queuePoller;
    }

    /** Schedules: they invoke the platform's functions on the clock. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Tables' change streams (DynamoDB Streams). */
    public TableStreams tableStreams() {
        return tableStreams;
    }

    /** The table stream → function triggers and their poller. */
    public StreamPoller streamPoller() {
        return streamPoller;
    }

    /** What a grader is given: the one way the services are gathered, by the server and by the grader alike. */
    public GradingServices gradingServices() {
        return new GradingServices(platform, tables, buckets, queues, queuePoller, tableStreams, streamPoller);
    }

    /** The services functions reach through the SDK module (registered in the platform's SDK registry). */
    private static List<SdkService> sdkServices(Tables tables, Buckets buckets, QueueService queues, Platform platform) {
        return List.of(new TableSdk(tables), new BucketSdk(buckets), new QueueSdk(queues), new FunctionFetch(platform));
    }

    /** Bucket notifications invoke functions asynchronously, as S3 invokes Lambda. */
    private static Buckets.Targets bucketTargets(Platform platform) {
        return new Buckets.Targets() {
            @Override
            public boolean exists(WorkspaceId workspace, String function) {
                return platform.function(workspace, function).isPresent();
            }

            @Override
            public void invokeAsync(WorkspaceId workspace, String function, String eventJson) {
                platform.invokeAsync(workspace, function, null, eventJson);
            }
        };
    }

    /** Stops the scheduler, the queue and stream pollers and the platform (their background work first), then closes the database. */
    @Override
    public void close() {
        reclaiming.close();
        synchronized (this) {
            if (cpuSharing != null) {
                cpuSharing.close();
            }
        }
        scheduler.close();
        queuePoller.close();
        streamPoller.close();
        platform.close();
        synchronized (this) {
            if (quarantine != null) {
                quarantine.close();
            }
        }
        database.close();
    }
}
