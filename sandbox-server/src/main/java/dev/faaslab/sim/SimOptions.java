package dev.faaslab.sim;

import dev.faaslab.billing.Prices;
import dev.faaslab.core.TrafficPattern;
import dev.faaslab.platform.policy.HybridHistogramPolicy;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A simulation's settings in the words people give them: a pattern's name, means in seconds, a policy's
 * name. The command line ({@code faaslab simulate}) and the Traffic lab ({@code POST /api/simulations})
 * both read their options into one of these and let {@link #model} build the {@link SimModel}, so the two
 * cannot come to mean different things by the same words.
 *
 * <p>A setting out of range is an {@link InvalidOption} that names it as the caller spells it: the
 * command line says {@code --warm-mean}, the API {@code warmMeanSeconds}.
 *
 * @param arrivalRate        requests per second: the steady rate, the spike's base, the diurnal mean, the on-off rate
 * @param pattern            a {@link TrafficPattern} the simulator makes: steady (Poisson), regular (exactly 1/rate
 *                           apart), spike, diurnal or on-off
 * @param peakRate           spike: the rate during the spike; null for 10 × {@code arrivalRate}
 * @param spikeAtSeconds     spike: when it starts; null for half way
 * @param spikeLengthSeconds spike: how long it lasts
 * @param amplitude          diurnal: the rate swings between (1 − A) and (1 + A) times {@code arrivalRate}
 * @param periodSeconds      diurnal: one cycle
 * @param onSeconds          on-off: seconds of traffic
 * @param offSeconds         on-off: seconds of silence
 * @param service            the service time distribution: exponential, deterministic or lognormal
 * @param sigma              lognormal: the standard deviation of the logarithm
 * @param warmMeanSeconds    the mean service time of a warm request
 * @param coldMeanSeconds    the mean service time of a cold request, Init included
 * @param keepAlivePolicy    none, fixed, hybrid or forever
 * @param keepAliveSeconds   fixed: how long an idle instance stays
 * @param maxConcurrency     requests in flight at most
 * @param provisioned        provisioned instances
 * @param scalingBurst       new instances at once and per {@code scalingIntervalSeconds}; null for no limit
 * @param scalingIntervalSeconds the interval over which the burst refills
 * @param durationSeconds    virtual seconds to simulate
 * @param seed               the random seed
 * @param seriesPoints       points in the time series
 * @param memoryMb           the function's memory, for the bill
 * @param prices             the price list
 * @param serverUsdPerHour   an always-on server's price per hour
 */
public record SimOptions(double arrivalRate, String pattern, Double peakRate, Double spikeAtSeconds,
                         double spikeLengthSeconds, double amplitude, double periodSeconds, double onSeconds,
                         double offSeconds, String service, double sigma, double warmMeanSeconds,
                         double coldMeanSeconds, String keepAlivePolicy, double keepAliveSeconds, int maxConcurrency,
                         int provisioned, Integer scalingBurst, double scalingIntervalSeconds, double durationSeconds,
                         long seed, int seriesPoints, int memoryMb, Prices prices, double serverUsdPerHour) {

    /** The list prices a simulation bills with unless told otherwise: a name {@link #listPrices} knows. */
    public static final String DEFAULT_PRICE_LIST = "x86";

    /**
     * The simulator's defaults, written only here: {@code faaslab simulate}'s options, the Traffic lab's
     * fields and {@link SimModel#defaults()} all read them.
     */
    public static final SimOptions DEFAULTS = new SimOptions(1, "steady", null, null, 60, 0.8, 86_400, 60, 240,
            "exponential", 1, 0.1, 0.5, "fixed", SimModel.DEFAULT_KEEP_ALIVE.toSeconds(), 1000, 0, null, 10, 3600, 1,
            60, 128, listPrices(DEFAULT_PRICE_LIST).orElseThrow(), SimModel.Pricing.DEFAULT_SERVER_USD_PER_HOUR);

    /** Settings from {@link #DEFAULTS}, to change by name rather than by position. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Names each of the 25 settings, so that a caller changes the ones it reads and keeps the defaults' others. */
    public static final class Builder {

        private double arrivalRate;
        private String pattern;
        private Double peakRate;
        private Double spikeAtSeconds;
        private double spikeLengthSeconds;
        private double amplitude;
        private double periodSeconds;
        private double onSeconds;
        private double offSeconds;
        private String service;
        private double sigma;
        private double warmMeanSeconds;
        private double coldMeanSeconds;
        private String keepAlivePolicy;
        private double keepAliveSeconds;
        private int maxConcurrency;
        private int provisioned;
        private Integer scalingBurst;
        private double scalingIntervalSeconds;
        private double durationSeconds;
        private long seed;
        private int seriesPoints;
        private int memoryMb;
        private Prices prices;
        private double serverUsdPerHour;

        private Builder(SimOptions from) {
            this.arrivalRate = from.arrivalRate;
            this.pattern = from.pattern;
            this.peakRate = from.peakRate;
            this.spikeAtSeconds = from.spikeAtSeconds;
            this.spikeLengthSeconds = from.spikeLengthSeconds;
            this.amplitude = from.amplitude;
            this.periodSeconds = from.periodSeconds;
            this.onSeconds = from.onSeconds;
            this.offSeconds = from.offSeconds;
            this.service = from.service;
            this.sigma = from.sigma;
            this.warmMeanSeconds = from.warmMeanSeconds;
            this.coldMeanSeconds = from.coldMeanSeconds;
            this.keepAlivePolicy = from.keepAlivePolicy;
            this.keepAliveSeconds = from.keepAliveSeconds;
            this.maxConcurrency = from.maxConcurrency;
            this.provisioned = from.provisioned;
            this.scalingBurst = from.scalingBurst;
            this.scalingIntervalSeconds = from.scalingIntervalSeconds;
            this.durationSeconds = from.durationSeconds;
            this.seed = from.seed;
            this.seriesPoints = from.seriesPoints;
            this.memoryMb = from.memoryMb;
            this.prices = from.prices;
            this.serverUsdPerHour = from.serverUsdPerHour;
        }

        public Builder arrivalRate(double value) {
            this.arrivalRate = value;
            return this;
        }

        public Builder pattern(String value) {
            this.pattern = value;
            return this;
        }

        public Builder peakRate(Double value) {
            this.peakRate = value;
            return this;
        }

        public Builder spikeAtSeconds(Double value) {
            this.spikeAtSeconds = value;
            return this;
        }

        public Builder spikeLengthSeconds(double value) {
            this.spikeLengthSeconds = value;
            return this;
        }

        public Builder amplitude(double value) {
            this.amplitude = value;
            return this;
        }

        public Builder periodSeconds(double value) {
            this.periodSeconds = value;
            return this;
        }

        public Builder onSeconds(double value) {
            this.onSeconds = value;
            return this;
        }

        public Builder offSeconds(double value) {
            this.offSeconds = value;
            return this;
        }

        public Builder service(String value) {
            this.service = value;
            return this;
        }

        public Builder sigma(double value) {
            this.sigma = value;
            return this;
        }

        public Builder warmMeanSeconds(double value) {
            this.warmMeanSeconds = value;
            return this;
        }

        public Builder coldMeanSeconds(double value) {
            this.coldMeanSeconds = value;
            return this;
        }

        public Builder keepAlivePolicy(String value) {
            this.keepAlivePolicy = value;
            return this;
        }

        public Builder keepAliveSeconds(double value) {
            this.keepAliveSeconds = value;
            return this;
        }

        public Builder maxConcurrency(int value) {
            this.maxConcurrency = value;
            return this;
        }

        public Builder provisioned(int value) {
            this.provisioned = value;
            return this;
        }

        public Builder scalingBurst(Integer value) {
            this.scalingBurst = value;
            return this;
        }

        public Builder scalingIntervalSeconds(double value) {
            this.scalingIntervalSeconds = value;
            return this;
        }

        public Builder durationSeconds(double value) {
            this.durationSeconds = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder seriesPoints(int value) {
            this.seriesPoints = value;
            return this;
        }

        public Builder memoryMb(int value) {
            this.memoryMb = value;
            return this;
        }

        public Builder prices(Prices value) {
            this.prices = value;
            return this;
        }

        public Builder serverUsdPerHour(double value) {
            this.serverUsdPerHour = value;
            return this;
        }

        public SimOptions build() {
            return new SimOptions(arrivalRate, pattern, peakRate, spikeAtSeconds, spikeLengthSeconds, amplitude, periodSeconds, onSeconds, offSeconds, service, sigma, warmMeanSeconds, coldMeanSeconds, keepAlivePolicy, keepAliveSeconds, maxConcurrency, provisioned, scalingBurst, scalingIntervalSeconds, durationSeconds, seed, seriesPoints, memoryMb, prices, serverUsdPerHour);
        }
    }

    /** A setting the simulator cannot take; {@link #setting} is its name here, the message names it as the caller does. */
    public static final class InvalidOption extends IllegalArgumentException {

        private final String setting;

        InvalidOption(String setting, String message) {
            super(message);
            this.setting = setting;
        }

        /** The record component at fault, such as {@code warmMeanSeconds}. */
        public String setting() {
            return setting;
        }
    }

    /** The named list prices ({@code x86}, {@code arm}), or empty for any other name. */
    public static Optional<Prices> listPrices(String name) {
        return switch (name) {
            case "x86" -> Optional.of(Prices.AWS_LAMBDA_X86_US_EAST_1);
            case "arm" -> Optional.of(Prices.AWS_LAMBDA_ARM_US_EAST_1);
            default -> Optional.empty();
        };
    }

    /**
     * The model these settings describe.
     *
     * @param spelling how the caller spells each setting, from its component name ({@code warmMeanSeconds}
     *                 to {@code --warm-mean}), for the messages
     * @throws InvalidOption naming the first setting out of range
     */
    public SimModel model(Function<String, String> spelling) {
        Check check = new Check(spelling);
        check.positive("warmMeanSeconds", warmMeanSeconds);
        check.positive("coldMeanSeconds", coldMeanSeconds);
        check.positive("sigma", sigma);
        check.atLeast("maxConcurrency", maxConcurrency, 1);
        check.atLeast("provisioned", provisioned, 0);
        check.atLeast("seriesPoints", seriesPoints, 1);
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw check.invalid("memoryMb", "must be 128 to 10240 MB, as Lambda's, not " + memoryMb);
        }
        check.positive("durationSeconds", durationSeconds);
        return new SimModel(traffic(check), serviceTime(check, warmMeanSeconds), serviceTime(check, coldMeanSeconds),
                keepAlive(check), maxConcurrency, provisioned, scaling(check), durationSeconds, seed, seriesPoints,
                new SimModel.Pricing(prices, memoryMb, check.nonNegative("serverUsdPerHour", serverUsdPerHour)));
    }

    private Traffic traffic(Check check) {
        check.positive("arrivalRate", arrivalRate);
        TrafficPattern shape;
        try {
            shape = TrafficPattern.of(pattern, TrafficPattern.Engine.SIMULATOR);
        } catch (IllegalArgumentException e) {
            throw check.invalid("pattern", e.getMessage());
        }
        return switch (shape) {
            case STEADY -> new Traffic.Poisson(arrivalRate);
            case REGULAR -> new Traffic.Regular(1 / arrivalRate);
            case SPIKE -> new Traffic.Patterned(new RatePattern.Spike(arrivalRate,
                    peakRate != null ? check.nonNegative("peakRate", peakRate) : 10 * arrivalRate,
                    spikeAtSeconds != null ? check.nonNegative("spikeAtSeconds", spikeAtSeconds) : durationSeconds / 2,
                    check.positive("spikeLengthSeconds", spikeLengthSeconds)));
            case DIURNAL -> {
                if (!(amplitude >= 0 && amplitude <= 1)) {
                    throw check.invalid("amplitude", "must be between 0 and 1, not " + amplitude);
                }
                yield new Traffic.Patterned(new RatePattern.Diurnal(arrivalRate, amplitude,
                        check.positive("periodSeconds", periodSeconds)));
            }
            case ON_OFF -> new Traffic.Patterned(new RatePattern.OnOff(arrivalRate,
                    check.positive("onSeconds", onSeconds), check.nonNegative("offSeconds", offSeconds)));
            case SINE, BURST -> throw new IllegalStateException(shape + " is not the simulator's"); // of() refused it
        };
    }

    private ServiceTime serviceTime(Check check, double mean) {
        return switch (service) {
            case "exponential" -> ServiceTime.exponential(mean);
            case "deterministic" -> ServiceTime.deterministic(mean);
            case "lognormal" -> ServiceTime.lognormal(mean, sigma);
            default -> throw check.invalid("service", "must be exponential, deterministic or lognormal, not '"
                    + service + "'");
        };
    }

    private Supplier<KeepAlivePolicy> keepAlive(Check check) {
        check.nonNegative("keepAliveSeconds", keepAliveSeconds);
        return switch (keepAlivePolicy) {
            case "none" -> KeepAlivePolicy::none;
            case "fixed" -> {
                Duration fixed = Duration.ofNanos(Math.round(keepAliveSeconds * 1e9));
                yield () -> KeepAlivePolicy.fixed(fixed);
            }
            case "hybrid" -> HybridHistogramPolicy::new;
            case "forever" -> KeepAlivePolicy::forever;
            default -> throw check.invalid("keepAlivePolicy", "must be none, fixed, hybrid or forever, not '"
                    + keepAlivePolicy + "'");
        };
    }

    private SimModel.Scaling scaling(Check check) {
        if (scalingBurst == null) {
            return null;
        }
        check.atLeast("scalingBurst", scalingBurst, 1);
        return new SimModel.Scaling(scalingBurst, check.positive("scalingIntervalSeconds", scalingIntervalSeconds));
    }

    /** Range checks whose messages name the setting as the caller spells it. */
    private record Check(Function<String, String> spelling) {

        InvalidOption invalid(String setting, String problem) {
            return new InvalidOption(setting, spelling.apply(setting) + " " + problem);
        }

        double positive(String setting, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw invalid(setting, "must be more than 0, not " + value);
            }
            return value;
        }

        double nonNegative(String setting, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw invalid(setting, "must be 0 or more, not " + value);
            }
            return value;
        }

        void atLeast(String setting, int value, int least) {
            if (value < least) {
                throw invalid(setting, "must be at least " + least + ", not " + value);
            }
        }
    }
}
