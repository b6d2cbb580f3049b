package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.TrafficPattern;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.platform.Platform;
import dev.faaslab.sim.CostComparison;
import dev.faaslab.sim.MeasuredDurations;
import dev.faaslab.sim.PowerTuning;
import dev.faaslab.sim.ServiceTime;
import dev.faaslab.sim.SimModel;
import dev.faaslab.sim.SimOptions;
import dev.faaslab.sim.SimResult;
import dev.faaslab.sim.Simulation;
import dev.faaslab.sim.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/simulations}: the simulator for the Traffic lab page. A run takes the options of
 * {@code faaslab simulate} as JSON ({@link SimOptions}' names) and answers what {@code --json} prints, with
 * the two bills against the arrival rate for the break-even chart; power tuning answers what
 * {@code faaslab simulate power --json} prints.
 *
 * <p>Runs go on the calling thread: the simulator does about ten million requests a second, and
 * {@link #MAX_REQUESTS} keeps one run to seconds, so one request cannot hold the server for long.
 */
final class SimulationsApi {

    /** The most requests one run may simulate (the busiest rate × the duration): a few seconds of work. */
    static final long MAX_REQUESTS = 50_000_000;
    static final int MAX_SERIES_POINTS = 500;
    static final int DEFAULT_SERIES_POINTS = 200;
    static final int MAX_CONCURRENCY = 100_000;
    /** Points of the break-even chart: from 0 to twice the break-even rate in 12 steps, the rate itself in the middle. */
    static final int BILL_POINTS = 13;
    static final int MAX_MEMORY_SIZES = 32;

    /** What the base rate was called before the live generator and the simulator shared {@code rps}; still taken. */
    static final String OLD_RATE_FIELD = "arrivalRate";
    static final Set<String> FIELDS = Set.of(TrafficPattern.RATE_FIELD, OLD_RATE_FIELD, "pattern", "peakRate", "spikeAtSeconds",
            "spikeLengthSeconds", "amplitude", "periodSeconds", "onSeconds", "offSeconds", "service", "sigma",
            "warmMeanSeconds", "coldMeanSeconds", "keepAlivePolicy", "keepAliveSeconds", "maxConcurrency",
            "provisioned", "scalingBurst", "scalingIntervalSeconds", "durationSeconds", "seed", "seriesPoints",
            "memoryMb", "prices", "serverUsdPerHour", "measuredFrom");
    static final Set<String> POWER_FIELDS = Set.of("baseDurationSeconds", "memorySizes", "prices", "weight");

    private static final String EXAMPLE = "{\"rps\":5,\"pattern\":\"steady\",\"durationSeconds\":3600}";
    private static final String POWER_EXAMPLE = "{\"baseDurationSeconds\":0.5}";

    /** How many of a function's latest log lines are read for its measured durations (REPORT is one in three or more). */
    static final int MEASURED_LINES = 3_000;

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    SimulationsApi(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/simulations", this::runHandler),
                new Route("POST", "/api/simulations/power-tuning", this::powerTuningHandler));
    }

    private void runHandler(Exchange exchange) throws Exception {
        JsonNode body = exchange.jsonBody();
        SimModel model = model(body);
        if (body.hasNonNull("measuredFrom")) {
            model = measured(model, body.get("measuredFrom"), workspaces.resolve(exchange.request));
        }
        exchange.json(200, SimulationRun.of(model, new Simulation(model).run()));
    }

    /**
     * The model with the service times a function of the learner's really took (its REPORT lines in the
     * live sandbox), resampled: warm from warm invocations, cold from cold starts (Init and Duration).
     * Cold starts keep the model's own distribution when the log holds none.
     */
    private SimModel measured(SimModel model, JsonNode field, WorkspaceId workspace) {
        if (!field.isTextual()) {
            throw ApiException.badField("measuredFrom", "measuredFrom is the name of one of your functions, as a string");
        }
        String name = FunctionsApi.checkName(field.textValue());
        if (platform.function(workspace, name).isEmpty()) {
            // 404 like any unknown name, and like every refusal here it names its field, so the page marks it.
            throw new ApiException(404, "NotFound", "there is no function named '" + name + "' in this workspace to"
                    + " measure: deploy it and invoke it a few times first", Map.of("field", "measuredFrom"));
        }
        List<String> lines = platform.logTail(workspace, name, MEASURED_LINES).stream().map(LogEntry::text).toList();
        MeasuredDurations measured = MeasuredDurations.fromLog(lines);
        ServiceTime warm = measured.warm().orElseThrow(() -> ApiException.badField("measuredFrom", "'" + name
                + "' has no warm invocation in its log yet: invoke it a few times (a warm one follows a cold"
                + " start on the same instance), then run the simulation again"));
        return model.withService(warm, measured.cold().orElse(model.cold()));
    }

    private void powerTuningHandler(Exchange exchange) throws Exception {
        PowerTuningRequest request = PowerTuningRequest.from(exchange.jsonBody());
        try {
            exchange.json(200, PowerTuning.tune(request.baseDurationSeconds(), request.memorySizes(), request.prices(),
                    request.weight()));
        } catch (IllegalArgumentException e) {
            // The duration and the weight were checked above: what is left is a memory size.
            throw ApiException.badField("memorySizes", "memorySizes: " + e.getMessage());
        }
    }

    /** What power tuning is asked: {@code faaslab simulate power}'s options. */
    record PowerTuningRequest(double baseDurationSeconds, List<Integer> memorySizes, Prices prices, double weight) {

        /** The body's options over the defaults, each checked but the memory sizes' range, which tuning checks. */
        static PowerTuningRequest from(JsonNode body) {
            JsonFields.onlyFields(body, POWER_FIELDS, POWER_EXAMPLE);
            if (!body.hasNonNull("baseDurationSeconds")) {
                throw ApiException.badField("baseDurationSeconds", "the field 'baseDurationSeconds' is required: the seconds"
                        + " one invocation takes with a whole vCPU (at 1,769 MB), such as " + POWER_EXAMPLE);
            }
            double base = JsonFields.number(body, "baseDurationSeconds", 0);
            if (!(base > 0) || base > 900) {
                throw ApiException.badField("baseDurationSeconds", "baseDurationSeconds must be more than 0 and at most"
                        + " 900 (Lambda's 15-minute limit), not " + base);
            }
            double weight = JsonFields.number(body, "weight", PowerTuning.DEFAULT_WEIGHT);
            if (!(weight >= 0 && weight <= 1)) {
                throw ApiException.badField("weight", "weight must be between 0 (speed only) and 1 (cost only), not "
                        + weight);
            }
            return new PowerTuningRequest(base, SimulationsApi.memorySizes(body), SimulationsApi.prices(body), weight);
        }
    }

    /** The body's settings over {@code faaslab simulate}'s defaults, checked as the command checks them, and bounded. */
    static SimModel model(JsonNode body) {
        JsonFields.onlyFields(body, FIELDS, EXAMPLE);
        SimOptions d = SimOptions.DEFAULTS;
        int seriesPoints = JsonFields.integer(body, "seriesPoints", DEFAULT_SERIES_POINTS);
        if (seriesPoints < 1 || seriesPoints > MAX_SERIES_POINTS) {
            throw ApiException.badField("seriesPoints", "seriesPoints must be 1 to " + MAX_SERIES_POINTS + ", not " + seriesPoints);
        }
        int maxConcurrency = JsonFields.integer(body, "maxConcurrency", d.maxConcurrency());
        if (maxConcurrency > MAX_CONCURRENCY) {
            throw ApiException.badField("maxConcurrency", "maxConcurrency must be at most " + MAX_CONCURRENCY + " here, not "
                    + maxConcurrency);
        }
        int provisioned = JsonFields.integer(body, "provisioned", d.provisioned());
        if (provisioned > maxConcurrency) {
            throw ApiException.badField("provisioned", "provisioned must be at most maxConcurrency (" + maxConcurrency
                    + "), not " + provisioned);
        }
        String rate = rateField(body);
        SimOptions options = SimOptions.builder().arrivalRate(JsonFields.number(body, rate, d.arrivalRate()))
                .pattern(JsonFields.text(body, "pattern", d.pattern())).peakRate(JsonFields.number(body, "peakRate"))
                .spikeAtSeconds(JsonFields.number(body, "spikeAtSeconds"))
                .spikeLengthSeconds(JsonFields.number(body, "spikeLengthSeconds", d.spikeLengthSeconds()))
                .amplitude(JsonFields.number(body, "amplitude", d.amplitude()))
                .periodSeconds(JsonFields.number(body, "periodSeconds", d.periodSeconds()))
                .onSeconds(JsonFields.number(body, "onSeconds", d.onSeconds())).offSeconds(JsonFields.number(body, "offSeconds", d.offSeconds()))
                .service(JsonFields.text(body, "service", d.service())).sigma(JsonFields.number(body, "sigma", d.sigma()))
                .warmMeanSeconds(JsonFields.number(body, "warmMeanSeconds", d.warmMeanSeconds()))
                .coldMeanSeconds(JsonFields.number(body, "coldMeanSeconds", d.coldMeanSeconds()))
                .keepAlivePolicy(JsonFields.text(body, "keepAlivePolicy", d.keepAlivePolicy()))
                .keepAliveSeconds(JsonFields.number(body, "keepAliveSeconds", d.keepAliveSeconds()))
                .maxConcurrency(maxConcurrency).provisioned(provisioned)
                .scalingBurst(body.hasNonNull("scalingBurst") ? JsonFields.integer(body, "scalingBurst", 0) : null)
                .scalingIntervalSeconds(JsonFields.number(body, "scalingIntervalSeconds", d.scalingIntervalSeconds()))
                .durationSeconds(JsonFields.number(body, "durationSeconds", d.durationSeconds())).seed(JsonFields.longInteger(body, "seed", d.seed()))
                .seriesPoints(seriesPoints).memoryMb(JsonFields.integer(body, "memoryMb", d.memoryMb())).prices(prices(body))
                .serverUsdPerHour(JsonFields.number(body, "serverUsdPerHour", d.serverUsdPerHour())).build();
        SimModel model;
        try {
            model = options.model(setting -> spelling(setting, rate));
        } catch (SimOptions.InvalidOption e) {
            throw ApiException.badField(spelling(e.setting(), rate), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("durationSeconds", e.getMessage()); // SimModel's own check: a duration of centuries
        }
        double busiest = switch (model.traffic()) {
            case Traffic.Poisson steady -> steady.ratePerSecond();
            case Traffic.Regular regular -> 1 / regular.intervalSeconds();
            case Traffic.Patterned patterned -> patterned.pattern().maxRate();
            case Traffic.Replay replay -> replay.total() / model.durationSeconds();
        };
        // A patterned run draws candidates at its busiest rate throughout (thinning), so that is what costs.
        double requests = busiest * model.durationSeconds();
        if (requests > MAX_REQUESTS) {
            throw ApiException.badField("durationSeconds", String.format(Locale.ROOT, "this run would simulate about %,.0f"
                    + " requests (%,.4g a second at the busiest for %,.0f s); the lab runs at most %,d at once, a few"
                    + " seconds of work: shorten durationSeconds or lower the rate (./faaslab simulate has no such"
                    + " limit)", requests, busiest, model.durationSeconds(), MAX_REQUESTS));
        }
        return model;
    }

    /**
     * A run as the lab page shows it: what the simulator measured ({@code faaslab simulate --json}), the run's
     * duration and mean arrival rate, and both bills at {@link #BILL_POINTS} rates for the break-even chart.
     */
    record SimulationRun(@JsonUnwrapped SimResult result, double durationSeconds, double meanArrivalRate,
                         List<CostComparison.BillsAt> billsByRate) {

        static SimulationRun of(SimModel model, SimResult result) {
            double meanRate = model.traffic().meanRate(model.durationSeconds());
            CostComparison cost = result.cost();
            // Twice the break-even rate shows both sides of it; the run's own rate is kept in view when it is beyond.
            double top = cost.breakEvenRequestsPerSecond() == null ? 0
                    : Math.max(2 * cost.breakEvenRequestsPerSecond(), 1.25 * meanRate);
            return new SimulationRun(result, model.durationSeconds(), meanRate,
                    cost.billsByRate(model.durationSeconds(), top > 0 ? top : 1, BILL_POINTS));
        }
    }

    // ---- reading the body: every refusal names its field, so the page can show it beside that field ----

    /** The field the body gives the base rate in: {@code rps}, or its old name; not both. */
    private static String rateField(JsonNode body) {
        if (body.has(TrafficPattern.RATE_FIELD) && body.has(OLD_RATE_FIELD)) {
            throw ApiException.badField(TrafficPattern.RATE_FIELD, "give the rate as " + TrafficPattern.RATE_FIELD + " or by its old"
                    + " name " + OLD_RATE_FIELD + ", not both");
        }
        return body.has(OLD_RATE_FIELD) ? OLD_RATE_FIELD : TrafficPattern.RATE_FIELD;
    }

    /** A setting of {@link SimOptions} as the body names it: the rate as the caller called it, the others as they are. */
    private static String spelling(String setting, String rateField) {
        return setting.equals("arrivalRate") ? rateField : setting;
    }

    private static Prices prices(JsonNode body) {
        String name = JsonFields.text(body, "prices", SimOptions.DEFAULT_PRICE_LIST);
        return SimOptions.listPrices(name).orElseThrow(() -> ApiException.badField("prices",
                "prices must be x86 or arm (AWS Lambda's list prices in us-east-1), not '" + name + "'"));
    }

    private static List<Integer> memorySizes(JsonNode body) {
        if (!body.hasNonNull("memorySizes")) {
            return PowerTuning.DEFAULT_SIZES;
        }
        JsonNode sizes = body.get("memorySizes");
        if (!sizes.isArray() || sizes.isEmpty() || sizes.size() > MAX_MEMORY_SIZES) {
            throw JsonFields.wrongType("memorySizes", "an array of 1 to " + MAX_MEMORY_SIZES + " sizes in MB, such as"
                    + " [128, 512, 1769]", body.get("memorySizes"));
        }
        List<Integer> list = new ArrayList<>();
        for (JsonNode size : sizes) {
            if (!size.isIntegralNumber() || !size.canConvertToInt()) {
                throw JsonFields.wrongType("memorySizes", "an array of whole numbers of MB, such as [128, 512, 1769]", body.get("memorySizes"));
            }
            list.add(size.intValue());
        }
        return List.copyOf(list);
    }
}
