package io.weir.promql.optimizer;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;

/**
 * Simple estimates for matchers, without statistics: what testing one series costs, and what
 * fraction of series passes. Equality is a hash lookup and selective (the metric name most); a
 * regex costs a run of its automaton, more the longer it is; negations keep most series.
 */
public final class MatcherCosts {
    /** The number of series a scan is assumed to choose from. */
    public static final double UNIVERSE = 100_000;

    private MatcherCosts() {}

    /** Relative cost of testing one series. */
    public static double cost(LabelMatcher m) {
        return switch (m.op()) {
            case EQUAL, NOT_EQUAL -> 1;
            case REGEX, NOT_REGEX ->
                    alternatives(m.value()) > 0
                            ? 2 + alternatives(m.value())
                            : 10 + m.value().length() / 4.0;
        };
    }

    /** Estimated fraction of series that pass. */
    public static double selectivity(LabelMatcher m) {
        boolean name = m.name().equals(Labels.METRIC_NAME);
        double eq = name ? 0.01 : (m.value().isEmpty() ? 0.5 : 0.1);
        return switch (m.op()) {
            case EQUAL -> eq;
            case NOT_EQUAL -> 1 - eq;
            case REGEX ->
                    alternatives(m.value()) > 0
                            ? Math.min(1, eq * alternatives(m.value()))
                            : (name ? 0.05 : 0.3);
            case NOT_REGEX ->
                    alternatives(m.value()) > 0
                            ? Math.max(0, 1 - eq * alternatives(m.value()))
                            : 0.7;
        };
    }

    /**
     * The rank of a matcher in a conjunction: testing in ascending rank minimises the expected cost
     * (cost divided by the fraction of series it rejects).
     */
    public static double rank(LabelMatcher m) {
        double rejects = 1 - selectivity(m);
        return rejects <= 0 ? Double.MAX_VALUE : cost(m) / rejects;
    }

    /** Estimated series a scan with these matchers selects. */
    public static double series(List<LabelMatcher> matchers) {
        double s = UNIVERSE;
        for (LabelMatcher m : matchers) {
            s *= selectivity(m);
        }
        return Math.max(1, s);
    }

    /** The number of literals of a regex {@code a|b|c} of plain words, else 0. */
    static int alternatives(String re) {
        if (re.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '|') {
                n++;
            } else if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != ':') {
                return 0;
            }
        }
        return n;
    }
}
