package io.weir.promql.conformance;

import com.google.re2j.Pattern;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Native histograms are out of scope. This tracks when loaded series hold native histogram samples
 * so that an eval whose query could read one of them is skipped. It is conservative: a selector is
 * taken to read a series when all its matchers match the series' labels, over the whole time window
 * its evaluation times, offset, {@code @}, range, subqueries and the lookback allow (bounds
 * included).
 */
final class HistogramScope {
    private static final String[] CLASSIC_SUFFIXES = {"_bucket", "_sum", "_count"};

    /** Series holding native histograms, with the times of those samples. */
    private final Map<Labels, NavigableSet<Long>> histogramTimes = new LinkedHashMap<>();

    /** A series, read by the query, that holds a native histogram sample in the window read. */
    record Hit(Labels series, long timeMillis) {}

    /**
     * Records the histogram samples a load adds, including those {@code load_with_nhcb} derives.
     */
    void onLoad(Command.Load load) {
        for (SeriesNotation.Series s : load.series()) {
            for (int i = 0; i < s.values().size(); i++) {
                long t = i * load.intervalMillis();
                SequenceValue v = s.values().get(i);
                if (v instanceof SequenceValue.Histogram) {
                    times(s.labels()).add(t);
                }
                if (load.withNhcb()
                        && !(v instanceof SequenceValue.Omitted)
                        && nhcbSeries(s.labels()) != null) {
                    times(nhcbSeries(s.labels())).add(t);
                }
            }
        }
    }

    private NavigableSet<Long> times(Labels series) {
        return histogramTimes.computeIfAbsent(series, k -> new TreeSet<>());
    }

    /** The native histogram series that {@code load_with_nhcb} builds from a classic one. */
    private static Labels nhcbSeries(Labels classic) {
        String name = classic.metricName();
        for (String suffix : CLASSIC_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return classic.toBuilder()
                        .set(Labels.METRIC_NAME, name.substring(0, name.length() - suffix.length()))
                        .remove("le")
                        .build();
            }
        }
        return null;
    }

    void onClear() {
        histogramTimes.clear();
    }

    boolean isEmpty() {
        return histogramTimes.isEmpty();
    }

    /**
     * A native histogram sample that {@code query} could read when evaluated at the times {@code
     * [start, end]}, or null.
     */
    Hit readBy(Expr query, long start, long end, long lookbackMillis) {
        List<Read> reads = new ArrayList<>();
        collect(query, start, end, new QueryRange(start, end, lookbackMillis), reads);
        for (Read r : reads) {
            for (Map.Entry<Labels, NavigableSet<Long>> e : histogramTimes.entrySet()) {
                if (matchesAll(r.selector().matchers(), e.getKey())) {
                    Long t = e.getValue().ceiling(r.from());
                    if (t != null && t <= r.to()) {
                        return new Hit(e.getKey(), t);
                    }
                }
            }
        }
        return null;
    }

    /** The query's own range, for {@code @ start()} and {@code @ end()}, and the lookback. */
    private record QueryRange(long start, long end, long lookback) {}

    /** A selector and the sample times it may read, bounds included. */
    private record Read(VectorSelector selector, long from, long to) {}

    /** The evaluation times of a selector or subquery: fixed by {@code @}, else the caller's. */
    private static long[] times(AtModifier at, long tmin, long tmax, QueryRange q) {
        if (at instanceof AtModifier.Timestamp ts) {
            return new long[] {ts.millis(), ts.millis()};
        }
        if (at instanceof AtModifier.Start) {
            return new long[] {q.start(), q.start()};
        }
        if (at instanceof AtModifier.End) {
            return new long[] {q.end(), q.end()};
        }
        return new long[] {tmin, tmax};
    }

    static boolean matchesAll(List<LabelMatcher> matchers, Labels series) {
        for (LabelMatcher m : matchers) {
            if (!matches(m, series.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(LabelMatcher m, String value) {
        return switch (m.op()) {
            case EQUAL -> value.equals(m.value());
            case NOT_EQUAL -> !value.equals(m.value());
            case REGEX -> anchored(m.value()).matcher(value).matches();
            case NOT_REGEX -> !anchored(m.value()).matcher(value).matches();
        };
    }

    private static Pattern anchored(String re) {
        return Pattern.compile("^(?s:" + re + ")$");
    }

    private static void collect(Expr e, long tmin, long tmax, QueryRange q, List<Read> out) {
        if (e instanceof VectorSelector vs) {
            long[] t = times(vs.at(), tmin, tmax, q);
            out.add(
                    new Read(
                            vs, t[0] - vs.offsetMillis() - q.lookback(), t[1] - vs.offsetMillis()));
        } else if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            long[] t = times(vs.at(), tmin, tmax, q);
            out.add(
                    new Read(
                            vs,
                            t[0] - vs.offsetMillis() - ms.rangeMillis(),
                            t[1] - vs.offsetMillis()));
        } else if (e instanceof SubqueryExpr sq) {
            long[] t = times(sq.at(), tmin, tmax, q);
            collect(
                    sq.expr(),
                    t[0] - sq.offsetMillis() - sq.rangeMillis(),
                    t[1] - sq.offsetMillis(),
                    q,
                    out);
        } else if (e instanceof Call c) {
            c.args().forEach(a -> collect(a, tmin, tmax, q, out));
        } else if (e instanceof AggregateExpr a) {
            collect(a.expr(), tmin, tmax, q, out);
            if (a.param() != null) {
                collect(a.param(), tmin, tmax, q, out);
            }
        } else if (e instanceof BinaryExpr b) {
            collect(b.lhs(), tmin, tmax, q, out);
            collect(b.rhs(), tmin, tmax, q, out);
        } else if (e instanceof UnaryExpr u) {
            collect(u.expr(), tmin, tmax, q, out);
        } else if (e instanceof ParenExpr p) {
            collect(p.expr(), tmin, tmax, q, out);
        } else if (!(e instanceof NumberLiteral) && !(e instanceof StringLiteral)) {
            throw new AssertionError("unknown expression " + e);
        }
    }
}
