package dev.faaslab.bench;

import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.sim.ServiceTime;
import dev.faaslab.sim.SimModel;
import dev.faaslab.sim.SimResult;
import dev.faaslab.sim.Simulation;
import dev.faaslab.sim.Traffic;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How fast the simulator runs, on one thread: Poisson arrivals at 1,000 a second, exponential service
 * times (warm 50 ms, cold 500 ms), a fixed 10-minute keep-alive. It runs growing numbers of requests
 * after uncounted warm-up runs (the time per request should stay flat: the cost is linear in requests),
 * then a simulated day at 1,000 requests a second. Figures are per second of wall time; each run's
 * CPU time is shown beside it, since on a busy machine the thread may wait for a core.
 */
public final class SimBenchmark {

    static final double RATE = 1000;
    static final double DAY_SECONDS = 86_400;

    /**
     * @param warmUpRuns   uncounted runs of {@code warmUpRequests}, so the JIT has compiled the loop
     * @param requests     the measured runs' sizes
     * @param daySeconds   how long the "day" run simulates (a real day, or less for a smoke test)
     */
    public record Settings(int warmUpRuns, long warmUpRequests, List<Long> requests, double daySeconds) {

        public static Settings standard() {
            return new Settings(2, 10_000_000, List.of(10_000_000L, 20_000_000L, 40_000_000L), DAY_SECONDS);
        }

        public static Settings quick() {
            return new Settings(1, 1_000_000, List.of(1_000_000L, 2_000_000L, 4_000_000L), 3_600);
        }
    }

    /** One measured run. */
    public record Run(long requests, double simulatedSeconds, double wallSeconds, double cpuSeconds,
                      double requestsPerSecond, double nanosPerRequest) {
    }

    private final Settings settings;
    private final PrintWriter progress;

    public SimBenchmark(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public SimBenchResult run() {
        for (int i = 0; i < settings.warmUpRuns(); i++) {
            progress.println("bench sim: warm-up run " + (i + 1) + " of " + settings.warmUpRuns() + " ...");
            progress.flush();
            measure(settings.warmUpRequests() / RATE, 1000 + i);
        }
        List<Run> runs = new ArrayList<>();
        long requests = 0;
        double wall = 0;
        for (long size : settings.requests()) {
            progress.println("bench sim: " + size + " requests ...");
            progress.flush();
            Run run = measure(size / RATE, size);
            runs.add(run);
            requests += run.requests();
            wall += run.wallSeconds();
        }
        progress.println("bench sim: a simulated day at 1,000 requests a second ...");
        progress.flush();
        Run day = measure(settings.daySeconds(), 86_400);
        return new SimBenchResult(requests / wall, day.wallSeconds(), day.requests(), day.simulatedSeconds(),
                List.copyOf(runs));
    }

    private static Run measure(double simulatedSeconds, long seed) {
        SimModel model = SimModel.defaults()
                .withTraffic(new Traffic.Poisson(RATE))
                .withService(ServiceTime.exponential(0.05), ServiceTime.exponential(0.5))
                .withKeepAlive(() -> KeepAlivePolicy.fixed(SimModel.DEFAULT_KEEP_ALIVE))
                .withRun(simulatedSeconds, seed, 60);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        SimResult result = new Simulation(model).run();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Run(result.requests(), simulatedSeconds, wall, cpu, result.requests() / wall,
                wall * 1e9 / result.requests());
    }

    /** What {@code faaslab bench sim} measured; {@code --json} prints it with these names. */
    public record SimBenchResult(double requestsPerSecond, double dayAt1000RpsSeconds, long dayRequests,
                                 double daySimulatedSeconds, List<Run> runs) {

        public String describe() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "FaaS Lab simulator benchmark (one thread, %d cores)%n", Runtime.getRuntime().availableProcessors()));
            for (Run run : runs) {
                text.append(String.format(Locale.ROOT, "  %,12d requests  %7.2f s wall (%.2f s CPU)  %,13.0f requests/s  %6.1f ns/request%n",
                        run.requests(), run.wallSeconds(), run.cpuSeconds(), run.requestsPerSecond(), run.nanosPerRequest()));
            }
            text.append(String.format(Locale.ROOT, "  overall %,13.0f simulated requests per second of wall time (target >= 10,000,000)%n",
                    requestsPerSecond));
            text.append(String.format(Locale.ROOT, "  %,.0f s simulated at 1,000 requests/s (%,d requests): %.2f s wall (target: well under 60 s)",
                    daySimulatedSeconds, dayRequests, dayAt1000RpsSeconds));
            return text.toString();
        }
    }
}
