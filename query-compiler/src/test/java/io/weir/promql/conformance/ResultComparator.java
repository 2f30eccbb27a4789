package io.weir.promql.conformance;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a query result with an eval's expectations the way the scripts' reference implementation
 * does: series are matched by label set (order only under {@code expect ordered}), values with
 * {@link AlmostEqual}, matrices point by point at {@code start + i * step}.
 */
final class ResultComparator {
    private ResultComparator() {}

    /**
     * Returns null when {@code result} meets the expectations of {@code ev}, else what differs.
     *
     * @param ordered whether the order of a vector is checked under {@code expect ordered} (off for
     *     the range-mode re-run)
     */
    static String compare(Command.Eval ev, QueryValue result, boolean ordered) {
        if (result instanceof QueryValue.Matrix m) {
            return compareMatrix(ev, m);
        }
        if (result instanceof QueryValue.Vector v) {
            return compareVector(ev, v.samples(), ordered);
        }
        if (result instanceof QueryValue.Scalar s) {
            return compareScalar(ev, s.value());
        }
        if (result instanceof QueryValue.StringValue s) {
            String want = ev.expectedString() == null ? "" : ev.expectedString();
            return want.equals(s.value())
                    ? null
                    : "expected string \"" + want + "\" but got \"" + s.value() + "\"";
        }
        throw new AssertionError("unknown result type " + result);
    }

    static String compareScalar(Command.Eval ev, double got) {
        if (ev.expectedScalar() == null) {
            return "expected vector or matrix result, but got scalar " + format(got);
        }
        if (!AlmostEqual.equal(ev.expectedScalar(), got)) {
            return "expected scalar " + format(ev.expectedScalar()) + " but got " + format(got);
        }
        return null;
    }

    private static String compareVector(
            Command.Eval ev, List<QueryValue.Sample> samples, boolean ordered) {
        if (ev.expectedScalar() != null) {
            return "expected scalar result, but got a vector";
        }
        Map<Labels, Command.ExpectedSeries> expected = ev.expectedSeries();
        Set<Labels> seen = new HashSet<>();
        for (int pos = 0; pos < samples.size(); pos++) {
            QueryValue.Sample s = samples.get(pos);
            Command.ExpectedSeries exp = expected.get(s.labels());
            if (exp == null) {
                return "unexpected metric "
                        + s.labels()
                        + " in result, has value "
                        + format(s.value());
            }
            if (ordered && ev.ordered() && exp.position() != pos + 1) {
                return "expected metric "
                        + s.labels()
                        + " at position "
                        + exp.position()
                        + " but was at "
                        + (pos + 1);
            }
            List<SequenceValue> vals = exp.series().values();
            if (vals.isEmpty()) {
                return "expected series " + s.labels() + " has no value";
            }
            SequenceValue first = vals.get(0);
            if (first instanceof SequenceValue.Histogram h) {
                return "expected histogram "
                        + h.text()
                        + " for "
                        + s.labels()
                        + " but got float value "
                        + format(s.value());
            }
            // The reference reads a gap as the zero value.
            double want = first instanceof SequenceValue.FloatValue f ? f.value() : 0.0;
            if (!AlmostEqual.equal(want, s.value())) {
                return "expected "
                        + format(want)
                        + " for "
                        + s.labels()
                        + " but got "
                        + format(s.value());
            }
            seen.add(s.labels());
        }
        for (Labels l : expected.keySet()) {
            if (!seen.contains(l)) {
                return "expected metric " + l + " not found";
            }
        }
        return null;
    }

    private static String compareMatrix(Command.Eval ev, QueryValue.Matrix m) {
        if (ev.ordered()) {
            return "expected ordered result, but query returned a matrix";
        }
        if (ev.expectedScalar() != null) {
            return "expected scalar result, but got a matrix";
        }
        String unsorted = checkSorted(m);
        if (unsorted != null) {
            return unsorted;
        }
        boolean hasRange = ev.range() || ev.rangeVector();
        Set<Labels> seen = new HashSet<>();
        for (QueryValue.Series s : m.series()) {
            Command.ExpectedSeries exp = ev.expectedSeries().get(s.labels());
            if (exp == null) {
                return "unexpected metric " + s.labels() + " in result, has " + formatPoints(s);
            }
            seen.add(s.labels());
            List<SequenceValue> vals = exp.series().values();
            long[] wantT = new long[vals.size()];
            double[] wantV = new double[vals.size()];
            int n = 0;
            for (int i = 0; i < vals.size(); i++) {
                long ts = ev.start() + i * ev.step();
                if (!hasRange || ts > ev.end()) {
                    return "expected "
                            + vals.size()
                            + " points for "
                            + s.labels()
                            + ", but query time range cannot return this many points";
                }
                SequenceValue v = vals.get(i);
                if (v instanceof SequenceValue.Histogram) {
                    return "expected histogram points for "
                            + s.labels()
                            + ", which are not supported";
                }
                if (v instanceof SequenceValue.FloatValue f) {
                    wantT[n] = ts;
                    wantV[n] = f.value();
                    n++;
                }
            }
            if (n != s.size()) {
                return "expected "
                        + n
                        + " float points for "
                        + s.labels()
                        + ", but got "
                        + formatPoints(s);
            }
            for (int i = 0; i < n; i++) {
                if (wantT[i] != s.timestamps()[i]) {
                    return "expected float value at index "
                            + i
                            + " for "
                            + s.labels()
                            + " to have timestamp "
                            + wantT[i]
                            + ", but it had timestamp "
                            + s.timestamps()[i]
                            + " (result has "
                            + formatPoints(s)
                            + ")";
                }
                if (!AlmostEqual.equal(s.values()[i], wantV[i])) {
                    return "expected float value at index "
                            + i
                            + " (t="
                            + wantT[i]
                            + ") for "
                            + s.labels()
                            + " to be "
                            + format(wantV[i])
                            + ", but got "
                            + format(s.values()[i])
                            + " (result has "
                            + formatPoints(s)
                            + ")";
                }
            }
        }
        for (Labels l : ev.expectedSeries().keySet()) {
            if (!seen.contains(l)) {
                return "expected metric " + l + " not found";
            }
        }
        return null;
    }

    /** Matrices are always sorted by label set. */
    static String checkSorted(QueryValue.Matrix m) {
        List<QueryValue.Series> s = m.series();
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).labels().compareTo(s.get(i + 1).labels()) > 0) {
                return "matrix results should always be sorted by labels, but series at index "
                        + (i + 1)
                        + " with labels "
                        + s.get(i + 1).labels()
                        + " sorts before series at index "
                        + i
                        + " with labels "
                        + s.get(i).labels();
            }
        }
        return null;
    }

    static String formatPoints(QueryValue.Series s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.size()).append(s.size() == 1 ? " float point [" : " float points [");
        for (int i = 0; i < s.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(format(s.values()[i])).append(" @[").append(s.timestamps()[i]).append(']');
        }
        return sb.append(']').toString();
    }

    /**
     * Shows a value as the scripts write it ({@code stale}, {@code Inf}, {@code -Inf}, {@code
     * NaN}).
     */
    static String format(double v) {
        if (StaleNaN.isStale(v)) {
            return "stale";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** The expectations of an eval, in script notation, for failure messages. */
    static String describeExpected(Command.Eval ev) {
        StringBuilder sb = new StringBuilder();
        if (ev.expectsFailure()) {
            sb.append("  an error")
                    .append(ev.fail().isEmpty() ? "" : " matching " + ev.fail())
                    .append('\n');
            return sb.toString();
        }
        if (ev.expectedString() != null) {
            sb.append("  string \"").append(ev.expectedString()).append("\"\n");
        }
        if (ev.expectedScalar() != null) {
            sb.append("  scalar ").append(format(ev.expectedScalar())).append('\n');
        }
        for (Command.ExpectedSeries s : ev.expectedSeries().values()) {
            sb.append("  ").append(s.series().labels());
            for (SequenceValue v : s.series().values()) {
                sb.append(' ')
                        .append(
                                v instanceof SequenceValue.FloatValue f
                                        ? format(f.value())
                                        : v.toString());
            }
            sb.append('\n');
        }
        if (sb.length() == 0) {
            sb.append("  (empty result)\n");
        }
        return sb.toString();
    }

    /** A result in script notation, for failure messages. */
    static String describe(QueryValue v) {
        StringBuilder sb = new StringBuilder();
        if (v instanceof QueryValue.Scalar s) {
            sb.append("  scalar ").append(format(s.value())).append('\n');
        } else if (v instanceof QueryValue.StringValue s) {
            sb.append("  string \"").append(s.value()).append("\"\n");
        } else if (v instanceof QueryValue.Vector vec) {
            for (QueryValue.Sample s : vec.samples()) {
                sb.append("  ")
                        .append(s.labels())
                        .append(' ')
                        .append(format(s.value()))
                        .append('\n');
            }
        } else if (v instanceof QueryValue.Matrix m) {
            for (QueryValue.Series s : m.series()) {
                sb.append("  ").append(s.labels()).append(' ').append(formatPoints(s)).append('\n');
            }
        } else {
            throw new AssertionError("unknown result type " + v);
        }
        if (sb.length() == 0) {
            sb.append("  (empty result)\n");
        }
        return sb.toString();
    }
}
