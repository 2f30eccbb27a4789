package io.weir.server.views;

import io.weir.connectors.codec.QueryRegistration;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Inlines the views a new view's query selects by their output name.
 *
 * <p>The job computes views from the raw metrics only, so a view over another view's output (a
 * recording rule over an earlier record) would get no input. Its query is rewritten before it is
 * published: a selector {@code V} of view {@code V}'s output becomes {@code label_replace((<V's
 * query>), "__name__", "V", "", "")}, which is V's values under the name its stored series carry,
 * and {@code V[r]} becomes that expression as the subquery {@code [r:<V's step>]}, whose steps are
 * absolute multiples of V's step, exactly where V's stored samples are. V's query is taken as
 * registered, already expanded, so chains of any length inline fully.
 *
 * <p>An instant selector of V at a step that is not a multiple of V's step would read V's last
 * stored value up to the lookback, which the expanded query cannot reproduce: refused, as are
 * selectors of a view's output with other matchers, an offset or {@code @}.
 */
final class ViewChains {
    private ViewChains() {}

    /** One replacement of the query text, {@code [start, end)}. */
    private record Edit(int start, int end, String text) {}

    /**
     * The query with every selector of a view's output inlined; {@code query} itself when it
     * selects none. {@code views} gives the registration of an active view by name, or null.
     */
    static String expand(
            String name, String query, long stepMillis, Function<String, QueryRegistration> views)
            throws InvalidViewException {
        Expr expr;
        try {
            expr = PromqlParser.parse(query);
        } catch (PromqlException e) {
            throw new InvalidViewException(e.getMessage());
        }
        List<Edit> edits = new ArrayList<>();
        collect(name, query, stepMillis, expr, views, edits);
        if (edits.isEmpty()) {
            return query;
        }
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder sb = new StringBuilder(query);
        for (Edit e : edits) {
            sb.replace(e.start, e.end, e.text);
        }
        return sb.toString();
    }

    private static void collect(
            String name,
            String query,
            long stepMillis,
            Expr e,
            Function<String, QueryRegistration> views,
            List<Edit> out)
            throws InvalidViewException {
        if (e instanceof MatrixSelector m) {
            QueryRegistration v = viewOf(name, query, m.selector(), views);
            if (v != null) {
                String sub =
                        renamed(v)
                                + "["
                                + DurationText.format(m.rangeMillis())
                                + ":"
                                + DurationText.format(v.step().toMillis())
                                + "]";
                out.add(edit(m.pos().start(), m.pos().end(), sub));
            }
            return;
        }
        if (e instanceof VectorSelector s) {
            QueryRegistration v = viewOf(name, query, s, views);
            if (v != null) {
                long vStep = v.step().toMillis();
                if (stepMillis % vStep != 0) {
                    throw refused(
                            query,
                            s,
                            "the step "
                                    + DurationText.format(stepMillis)
                                    + " is not a multiple of view \""
                                    + v.name()
                                    + "\"'s step "
                                    + DurationText.format(vStep)
                                    + ": its output would be read between its steps");
                }
                out.add(edit(s.pos().start(), s.pos().end(), renamed(v)));
            }
            return;
        }
        List<Expr> children = new ArrayList<>();
        ExprTrees.mapChildren(
                e,
                c -> {
                    children.add(c);
                    return c;
                });
        for (Expr c : children) {
            collect(name, query, stepMillis, c, views, out);
        }
    }

    private static Edit edit(int start, int end, String text) {
        return new Edit(start, end, text);
    }

    /** V's values under V's name, as its stored series carry them. */
    private static String renamed(QueryRegistration v) {
        StringBuilder sb = new StringBuilder(v.query().length() + 48);
        sb.append("label_replace((").append(v.query()).append("), \"__name__\", ");
        Labels.quote(sb, v.name());
        return sb.append(", \"\", \"\")").toString();
    }

    /** The view whose output {@code s} selects, or null when it selects no view's output. */
    private static QueryRegistration viewOf(
            String name, String query, VectorSelector s, Function<String, QueryRegistration> views)
            throws InvalidViewException {
        String metric = ExprTrees.metricNameOf(s);
        if (metric == null) {
            return null;
        }
        QueryRegistration v = views.apply(metric);
        if (v == null) {
            return null;
        }
        String what = "selector of view \"" + metric + "\"'s output";
        if (metric.equals(name)) {
            throw refused(query, s, "a view cannot select its own output");
        }
        boolean onlyName = true;
        for (LabelMatcher m : s.matchers()) {
            if (!m.name().equals(Labels.METRIC_NAME)) {
                onlyName = false;
            }
        }
        if (!onlyName || s.matchers().size() != 1) {
            throw refused(query, s, what + " with other matchers: select the view by name alone");
        }
        if (s.offsetMillis() != 0) {
            throw refused(query, s, what + " with an offset");
        }
        if (s.at() != null) {
            throw refused(query, s, what + " with @");
        }
        return v;
    }

    private static InvalidViewException refused(String query, VectorSelector s, String why) {
        return new InvalidViewException(s.pos().lineColumn(query) + ": " + why);
    }
}
