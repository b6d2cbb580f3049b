package dev.faaslab.sim;

/** An arrival rate that changes with time (requests per second at {@code t} seconds into the run). */
public sealed interface RatePattern {

    double rateAt(double seconds);

    /** The highest rate the pattern reaches: the envelope that thinning draws from. */
    double maxRate();

    /** {@code base} requests a second, {@code peak} for {@code lengthSeconds} from {@code atSeconds}. */
    record Spike(double base, double peak, double atSeconds, double lengthSeconds) implements RatePattern {

        @Override
        public double rateAt(double seconds) {
            return seconds >= atSeconds && seconds < atSeconds + lengthSeconds ? peak : base;
        }

        @Override
        public double maxRate() {
            return Math.max(base, peak);
        }
    }

    /**
     * A day's rhythm: {@code mean × (1 + amplitude × sin(2πt / period))}, lowest a quarter period before
     * the start of each period and highest a quarter after. {@code amplitude} is 0 to 1.
     */
    record Diurnal(double mean, double amplitude, double periodSeconds) implements RatePattern {

        @Override
        public double rateAt(double seconds) {
            return mean * (1 + amplitude * Math.sin(2 * Math.PI * seconds / periodSeconds));
        }

        @Override
        public double maxRate() {
            return mean * (1 + amplitude);
        }
    }

    /** {@code rate} requests a second for {@code onSeconds}, then none for {@code offSeconds}, repeating. */
    record OnOff(double rate, double onSeconds, double offSeconds) implements RatePattern {

        @Override
        public double rateAt(double seconds) {
            return seconds % (onSeconds + offSeconds) < onSeconds ? rate : 0;
        }

        @Override
        public double maxRate() {
            return rate;
        }
    }
}
