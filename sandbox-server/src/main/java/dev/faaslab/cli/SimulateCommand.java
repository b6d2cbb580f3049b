package dev.faaslab.cli;

import dev.faaslab.billing.Prices;
import dev.faaslab.sim.AzureTrace;
import dev.faaslab.sim.ServiceTime;
import dev.faaslab.sim.SimModel;
import dev.faaslab.sim.SimOptions;
import dev.faaslab.sim.SimResult;
import dev.faaslab.sim.Simulation;
import dev.faaslab.sim.Traffic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab simulate}: the platform's scaling rules in virtual time, for one function. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        subcommands = PowerTuningCommand.class,
        defaultValueProvider = SimulateCommand.Defaults.class,
        description = {"Simulate one function's instances in virtual time: a day at 1,000 requests a second in"
                + " seconds. Requests arrive, take an idle instance or start one (a cold start), and are rejected"
                + " beyond the concurrency limit; idle instances are reclaimed by the keep-alive policy.",
                "Prints the probability of a cold start and of rejection, average instances (running and idle),"
                        + " instance life span, response times, and the bill against an always-on server with the"
                        + " break-even arrival rate. Means and durations are in seconds. Same seed, same result.",
                "'simulate power' tunes memory size for a CPU-bound function."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arrival-rate", paramLabel = "R",
            description = "Requests per second (Poisson unless --pattern says otherwise; default: ${DEFAULT-VALUE}).")
    double arrivalRate;

    @Option(names = "--pattern", paramLabel = "NAME",
            description = "steady (Poisson), regular (exactly 1/R apart), spike, diurnal or on-off (default: ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = "--peak-rate", paramLabel = "R", description = "spike: requests per second during the spike (default: 10 × --arrival-rate).")
    Double peakRate;

    @Option(names = "--spike-at", paramLabel = "S", description = "spike: when it starts (default: half way).")
    Double spikeAt;

    @Option(names = "--spike-length", paramLabel = "S", description = "spike: how long it lasts (default: ${DEFAULT-VALUE}).")
    double spikeLength;

    @Option(names = "--amplitude", paramLabel = "A",
            description = "diurnal: the rate swings between (1 - A) and (1 + A) times --arrival-rate (default: ${DEFAULT-VALUE}).")
    double amplitude;

    @Option(names = "--period", paramLabel = "S", description = "diurnal: one cycle (default: a day).")
    double period;

    @Option(names = "--on", paramLabel = "S", description = "on-off: seconds of traffic (default: ${DEFAULT-VALUE}).")
    double on;

    @Option(names = "--off", paramLabel = "S", description = "on-off: seconds of silence (default: ${DEFAULT-VALUE}).")
    double off;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Replay per-minute counts in the Azure Functions 2019 format (HashOwner,HashApp,HashFunction,"
                    + "Trigger,1,…,1440), each minute's requests at uniformly random moments in it; 'sample' is the"
                    + " bundled synthetic file. Replaces --arrival-rate and --pattern.")
    String trace;

    @Option(names = "--trace-function", paramLabel = "HASH", description = "Which row of --trace to replay (default: the first).")
    String traceFunction;

    @Option(names = "--warm-mean", paramLabel = "S", description = "Mean service time of a warm request (default: ${DEFAULT-VALUE}).")
    double warmMean;

    @Option(names = "--cold-mean", paramLabel = "S",
            description = "Mean service time of a cold request, Init included (default: ${DEFAULT-VALUE}).")
    double coldMean;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Service time distribution: exponential, deterministic or lognormal (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--sigma", paramLabel = "X",
            description = "lognormal: the standard deviation of the logarithm; the mean stays as given (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--warm-file", paramLabel = "FILE",
            description = "Measured warm durations in ms, one a line (for instance from REPORT lines), resampled; replaces --warm-mean.")
    Path warmFile;

    @Option(names = "--cold-file", paramLabel = "FILE", description = "Measured cold durations in ms, one a line; replaces --cold-mean.")
    Path coldFile;

    @Option(names = "--keep-alive", paramLabel = "S",
            description = "fixed: how long an idle instance stays warm (default: ${DEFAULT-VALUE}, Lambda's observed 10 minutes).")
    double keepAlive;

    @Option(names = "--keep-alive-policy", paramLabel = "NAME",
            description = "none, fixed, hybrid (Shahrad et al.'s histogram policy: pre-warm and keep per the idle times"
                    + " seen) or forever (default: ${DEFAULT-VALUE}).")
    String keepAlivePolicy;

    @Option(names = "--max-concurrency", paramLabel = "N",
            description = "Requests in flight at most; more are rejected (default: ${DEFAULT-VALUE}, Lambda's account default).")
    int maxConcurrency;

    @Option(names = "--provisioned", paramLabel = "N",
            description = "Provisioned instances: always loaded, used first, billed while configured (default: ${DEFAULT-VALUE}).")
    int provisioned;

    @Option(names = "--scaling-burst", paramLabel = "N",
            description = "At most N new instances at once and per --scaling-interval (Lambda: 1000 per 10 s; default: no limit).")
    Integer scalingBurst;

    @Option(names = "--scaling-interval", paramLabel = "S",
            description = "The interval over which --scaling-burst refills, continuously (default: ${DEFAULT-VALUE}).")
    double scalingInterval;

    @Option(names = "--duration", paramLabel = "S", description = "Virtual seconds to simulate (default: 3600; with --trace, the trace's length).")
    Double duration;

    @Option(names = "--seed", paramLabel = "N", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--series-points", paramLabel = "N", description = "Points in the time series (default: ${DEFAULT-VALUE}).")
    int seriesPoints;

    @Option(names = "--memory", paramLabel = "MB", description = "The function's memory, for the bill (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--prices", paramLabel = "x86|arm|FILE",
            description = "Lambda x86 or Arm list prices in us-east-1, or a JSON price list (default: ${DEFAULT-VALUE}).")
    String prices;

    @Option(names = "--server-price", paramLabel = "USD",
            description = "An always-on server's price per hour (default: 0.0104, an EC2 t3.micro on demand: the smallest"
                    + " general-purpose server that holds a 128 MB to 1 GB function).")
    Double serverPrice;

    @Option(names = "--json", description = "Print one JSON object instead of a report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimModel model;
        try {
            model = model();
        } catch (IllegalArgumentException | IOException e) {
            err.println("faaslab simulate: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        SimResult result = new Simulation(model).run();
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        out.flush();
        return ExitCode.OK;
    }

    /** Each of {@link SimOptions}' settings as this command spells it, for the messages. */
    private static final Map<String, String> OPTION_NAMES = Map.ofEntries(Map.entry("arrivalRate", "--arrival-rate"),
            Map.entry("pattern", "--pattern"), Map.entry("peakRate", "--peak-rate"), Map.entry("spikeAtSeconds", "--spike-at"),
            Map.entry("spikeLengthSeconds", "--spike-length"), Map.entry("amplitude", "--amplitude"),
            Map.entry("periodSeconds", "--period"), Map.entry("onSeconds", "--on"), Map.entry("offSeconds", "--off"),
            Map.entry("service", "--service"), Map.entry("sigma", "--sigma"), Map.entry("warmMeanSeconds", "--warm-mean"),
            Map.entry("coldMeanSeconds", "--cold-mean"), Map.entry("keepAlivePolicy", "--keep-alive-policy"),
            Map.entry("keepAliveSeconds", "--keep-alive"), Map.entry("maxConcurrency", "--max-concurrency"),
            Map.entry("provisioned", "--provisioned"), Map.entry("scalingBurst", "--scaling-burst"),
            Map.entry("scalingIntervalSeconds", "--scaling-interval"), Map.entry("durationSeconds", "--duration"),
            Map.entry("seed", "--seed"), Map.entry("seriesPoints", "--series-points"), Map.entry("memoryMb", "--memory"),
            Map.entry("serverUsdPerHour", "--server-price"));

    /**
     * The options' defaults, read from {@link SimOptions#DEFAULTS} so that they are written once. Those
     * left out have none here: --duration follows --trace, the others mean "not given" when null.
     */
    static final class Defaults implements IDefaultValueProvider {

        private static final SimOptions D = SimOptions.DEFAULTS;
        private static final Map<String, String> VALUES = Map.ofEntries(
                Map.entry("--arrival-rate", number(D.arrivalRate())), Map.entry("--pattern", D.pattern()),
                Map.entry("--spike-length", number(D.spikeLengthSeconds())), Map.entry("--amplitude", number(D.amplitude())),
                Map.entry("--period", number(D.periodSeconds())), Map.entry("--on", number(D.onSeconds())),
                Map.entry("--off", number(D.offSeconds())), Map.entry("--warm-mean", number(D.warmMeanSeconds())),
                Map.entry("--cold-mean", number(D.coldMeanSeconds())), Map.entry("--service", D.service()),
                Map.entry("--sigma", number(D.sigma())), Map.entry("--keep-alive", number(D.keepAliveSeconds())),
                Map.entry("--keep-alive-policy", D.keepAlivePolicy()),
                Map.entry("--max-concurrency", Integer.toString(D.maxConcurrency())),
                Map.entry("--provisioned", Integer.toString(D.provisioned())),
                Map.entry("--scaling-interval", number(D.scalingIntervalSeconds())), Map.entry("--seed", Long.toString(D.seed())),
                Map.entry("--series-points", Integer.toString(D.seriesPoints())),
                Map.entry("--memory", Integer.toString(D.memoryMb())), Map.entry("--prices", SimOptions.DEFAULT_PRICE_LIST));

        @Override
        public String defaultValue(ArgSpec argument) {
            // Only this command's own options: 'simulate power' has options of the same names and its own defaults.
            if (!(argument instanceof OptionSpec option) || !(option.command().userObject() instanceof SimulateCommand)) {
                return null;
            }
            return VALUES.get(option.longestName());
        }

        /** 60, not 60.0, as the help has always shown it. */
        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    SimModel model() throws IOException {
        Traffic replay = null;
        double seconds;
        if (trace != null) {
            AzureTrace.Function row = ("sample".equals(trace) ? AzureTrace.sample() : AzureTrace.read(readable("--trace", Path.of(trace))))
                    .function(traceFunction);
            replay = row.traffic();
            seconds = duration != null ? duration : row.countsPerMinute().length * 60.0;
        } else {
            if (traceFunction != null) {
                throw new IllegalArgumentException("--trace-function chooses a row of --trace: give --trace FILE too");
            }
            seconds = duration != null ? duration : SimOptions.DEFAULTS.durationSeconds();
        }
        SimModel model = options(seconds).model(OPTION_NAMES::get);
        if (replay != null) {
            model = model.withTraffic(replay);
        }
        if (warmFile != null || coldFile != null) {
            model = model.withService(warmFile != null ? ServiceTime.Empirical.read(readable("--warm-file", warmFile)) : model.warm(),
                    coldFile != null ? ServiceTime.Empirical.read(readable("--cold-file", coldFile)) : model.cold());
        }
        return model;
    }

    /** The options as given, for {@code seconds} of virtual time. */
    SimOptions options(double seconds) throws IOException {
        SimOptions.Builder options = SimOptions.builder().arrivalRate(arrivalRate).pattern(pattern).peakRate(peakRate)
                .spikeAtSeconds(spikeAt).spikeLengthSeconds(spikeLength).amplitude(amplitude).periodSeconds(period)
                .onSeconds(on).offSeconds(off).service(service).sigma(sigma).warmMeanSeconds(warmMean)
                .coldMeanSeconds(coldMean).keepAlivePolicy(keepAlivePolicy).keepAliveSeconds(keepAlive)
                .maxConcurrency(maxConcurrency).provisioned(provisioned).scalingBurst(scalingBurst)
                .scalingIntervalSeconds(scalingInterval).durationSeconds(seconds).seed(seed).seriesPoints(seriesPoints)
                .memoryMb(memory).prices(prices(prices));
        if (serverPrice != null) {
            options.serverUsdPerHour(serverPrice);
        }
        return options.build();
    }

    /** {@code x86}, {@code arm}, or a JSON price list as {@link Prices} reads and writes it. */
    static Prices prices(String choice) throws IOException {
        Optional<Prices> listed = SimOptions.listPrices(choice);
        if (listed.isPresent()) {
            return listed.get();
        }
        Path file = readable("--prices", Path.of(choice));
        try {
            return dev.faaslab.core.Json.MAPPER.readValue(file.toFile(), Prices.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("--prices " + choice + " is not a price list: "
                    + e.getOriginalMessage() + " (expected {\"name\":…,\"perMillionRequests\":…,\"perGbSecond\":…,…})");
        }
    }

    private static Path readable(String option, Path file) {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such readable file");
        }
        return file;
    }

    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be more than 0, not " + value);
        }
        return value;
    }
}
