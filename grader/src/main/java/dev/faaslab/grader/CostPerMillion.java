package dev.faaslab.grader;

import dev.faaslab.billing.InvocationCost;
import dev.faaslab.billing.Prices;
import dev.faaslab.runtime.InvocationResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A million invocations like these cost at most {@code maxUsd} at the exercise's memory size, at Lambda's x86
 * prices: requests plus billed GB-seconds, from the warm invocations of this run (a cold start is paid once per
 * instance, not per request). A bound is meant to separate kinds of code (a busy loop from a lookup), with a
 * wide margin, not to race the machine.
 */
record CostPerMillion(EventSpec event, int invocations, BigDecimal maxUsd) implements PlatformProbe {

    CostPerMillion {
        if (invocations < 2 || maxUsd.signum() <= 0) {
            throw new IllegalArgumentException("costPerMillion needs 2 or more invocations and a positive maxUsd");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        List<InvocationResult> results = trial.invokeSequentially(event, invocations);
        Verdict failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        List<InvocationResult> warm = results.stream().filter(result -> !result.report().cold()).toList();
        List<InvocationResult> measured = warm.isEmpty() ? results : warm;
        BigDecimal total = BigDecimal.ZERO;
        for (InvocationResult result : measured) {
            total = total.add(InvocationCost.of(Prices.AWS_LAMBDA_X86_US_EAST_1, result.report().billedDurationMs(),
                    trial.limits().memoryMb(), false));
        }
        BigDecimal perMillion = total.multiply(BigDecimal.valueOf(1_000_000))
                .divide(BigDecimal.valueOf(measured.size()), 6, RoundingMode.HALF_UP);
        String actual = "$" + perMillion.toPlainString() + " per million invocations at " + trial.limits().memoryMb()
                + " MB (from " + measured.size() + " warm invocations)";
        return perMillion.compareTo(maxUsd) <= 0 ? Verdict.pass(expected(), actual, Trial.output(results))
                : Verdict.fail(expected(), actual, Trial.output(results));
    }

    @Override
    public String expected() {
        return "at most $" + maxUsd.toPlainString() + " per million invocations";
    }

    @Override
    public String kind() {
        return "costPerMillion";
    }
}
