package io.weir.promql.conformance;

import com.google.re2j.Pattern;
import io.weir.promql.ast.AggregateExpr;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Native histograms are out of scope. This tracks which loaded series hold native histogram samples
 * so that an eval whose query could select one of them is skipped, conservatively: a selector is
 * taken to reach a series when all its matchers match the series' labels, whatever the time range.
 */
final class HistogramScope {
    private static final String[] CLASSIC_SUFFIXES = {"_bucket", "_sum", "_count"};

    private final Set<Labels> histogramSeries = new LinkedHashSet<>();

    /** Records the histogram series a load adds, including those {@code load_with_nhcb} derives. */
    void onLoad(Command.Load load) {
        for (SeriesNotation.Series s : load.series()) {
            if (s.hasHistogram()) {
                histogramSeries.add(s.labels());
            }
            if (load.withNhcb()) {
                String name = s.labels().metricName();
                for (String suffix : CLASSIC_SUFFIXES) {
                    if (name.endsWith(suffix)) {
                        histogramSeries.add(
                                s.labels().toBuilder()
                                        .set(
                                                Labels.METRIC_NAME,
                                                name.substring(0, name.length() - suffix.length()))
                                        .remove("le")
                                        .build());
                        break;
                    }
                }
            }
        }
    }

    void onClear() {
        histogramSeries.clear();
    }

    boolean isEmpty() {
        return histogramSeries.isEmpty();
    }

    /** A loaded native histogram series that a selector of {@code query} matches, or null. */
    Labels selectedBy(Expr query) {
        List<VectorSelector> selectors = new ArrayList<>();
        collect(query, selectors);
        for (VectorSelector vs : selectors) {
            for (Labels series : histogramSeries) {
                if (matchesAll(vs.matchers(), series)) {
                    return series;
                }
            }
        }
        return null;
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

    private static void collect(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector vs) {
            out.add(vs);
        } else if (e instanceof MatrixSelector ms) {
            out.add(ms.selector());
        } else if (e instanceof SubqueryExpr sq) {
            collect(sq.expr(), out);
        } else if (e instanceof Call c) {
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof AggregateExpr a) {
            collect(a.expr(), out);
            if (a.param() != null) {
                collect(a.param(), out);
            }
        } else if (e instanceof BinaryExpr b) {
            collect(b.lhs(), out);
            collect(b.rhs(), out);
        } else if (e instanceof UnaryExpr u) {
            collect(u.expr(), out);
        } else if (e instanceof ParenExpr p) {
            collect(p.expr(), out);
        } else if (!(e instanceof NumberLiteral) && !(e instanceof StringLiteral)) {
            throw new AssertionError("unknown expression " + e);
        }
    }
}
