package io.weir.job;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.physical.ViewCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * A view whose one aggregation runs on the staged path and whose rest the view stage evaluates with
 * the evaluator over the aggregation's small per-step vector: {@code histogram_quantile(0.9, sum by
 * (le) (rate(x_bucket[5m])))}, {@code topk(3, sum by (job) (...))}, {@code max(sum by (job)
 * (...))}, {@code sum(x) > 100}. So the series stage forwards no raw samples, and the view stage
 * reads one value per group and step.
 *
 * <p>The outer expression is the view's query with the aggregation replaced by a selector of the
 * synthetic metric {@link #INNER}; at each step the view stage puts the aggregation's points of
 * that step (and only those) into an empty store under that name, evaluates, and removes the name
 * from the output wherever it survived (an aggregation's output has no metric name). A query that
 * mentions {@code __name__} is left to the evaluated path, since it could observe the name.
 */
final class HybridView implements ViewPlan {
    /** The metric name the aggregation's output takes in the outer evaluation. */
    static final String INNER = "__weir_inner__";

    private final ViewSpec spec;
    private final ViewProgram inner;
    private final Expr outer;

    private HybridView(ViewSpec spec, ViewProgram inner, Expr outer) {
        this.spec = spec;
        this.inner = inner;
        this.outer = outer;
    }

    /**
     * The hybrid plan of a view, or null when it has no such shape: exactly one aggregation holds
     * every selector of the query, outside any subquery, and it runs on the staged path.
     */
    static HybridView of(ViewSpec spec, ViewCompiler compiler) {
        String query = spec.query();
        if (query.contains("__name__") || query.contains(INNER)) {
            return null;
        }
        Expr expr;
        try {
            expr = PromqlParser.parse(query);
        } catch (PromqlException e) {
            return null;
        }
        List<AggregateExpr> candidates = new ArrayList<>();
        if (!collect(expr, candidates)) {
            return null;
        }
        if (candidates.size() != 1 || candidates.get(0) == expr) {
            return null;
        }
        AggregateExpr agg = candidates.get(0);
        PositionRange pos = agg.pos();
        if (!pos.isKnown() || pos.end() > query.length()) {
            return null;
        }
        String innerText = query.substring(pos.start(), pos.end());
        String outerText = query.substring(0, pos.start()) + INNER + query.substring(pos.end());
        try {
            if (!PromqlParser.parse(innerText).equals(agg)) {
                return null; // the span does not cover the aggregation exactly
            }
            LogicalNode root =
                    compiler.compile(spec.name(), innerText, spec.stepMillis()).logical();
            ViewProgram staged = ViewProgram.fromPlan(spec, root);
            if (staged.aggregation == null || staged.offsetMillis < 0 || !staged.post.isEmpty()) {
                return null;
            }
            return new HybridView(spec, staged, PromqlParser.parse(outerText));
        } catch (PromqlException | UnsupportedViewException e) {
            return null;
        }
    }

    /**
     * Collects the innermost aggregations that hold selectors into {@code out}; false when a
     * selector stands outside every aggregation, or one sits under a subquery (the outer evaluation
     * would need the aggregation's past steps) or in an aggregation's parameter.
     */
    private static boolean collect(Expr e, List<AggregateExpr> out) {
        if (e instanceof AggregateExpr a) {
            if (a.param() != null && hasSelector(a.param())) {
                return false;
            }
            if (hasAggregation(a.expr())) {
                return collect(a.expr(), out); // a nested aggregation: the innermost is staged
            }
            if (hasSelector(a.expr())) {
                out.add(a);
            }
            return true;
        }
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            return false;
        }
        if (e instanceof SubqueryExpr sq) {
            return !hasSelector(sq.expr());
        }
        if (e instanceof Call c) {
            for (Expr x : c.args()) {
                if (!collect(x, out)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof BinaryExpr b) {
            return collect(b.lhs(), out) && collect(b.rhs(), out);
        }
        if (e instanceof UnaryExpr u) {
            return collect(u.expr(), out);
        }
        if (e instanceof ParenExpr p) {
            return collect(p.expr(), out);
        }
        if (e instanceof NumberLiteral || e instanceof StringLiteral) {
            return true;
        }
        throw new IllegalStateException("an expression kind the job does not know: " + e);
    }

    private static boolean hasAggregation(Expr e) {
        if (e instanceof AggregateExpr) {
            return true;
        }
        if (e instanceof SubqueryExpr sq) {
            return hasAggregation(sq.expr());
        }
        if (e instanceof Call c) {
            return c.args().stream().anyMatch(HybridView::hasAggregation);
        }
        if (e instanceof BinaryExpr b) {
            return hasAggregation(b.lhs()) || hasAggregation(b.rhs());
        }
        if (e instanceof UnaryExpr u) {
            return hasAggregation(u.expr());
        }
        if (e instanceof ParenExpr p) {
            return hasAggregation(p.expr());
        }
        return false;
    }

    private static boolean hasSelector(Expr e) {
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            return true;
        }
        if (e instanceof AggregateExpr a) {
            return hasSelector(a.expr()) || (a.param() != null && hasSelector(a.param()));
        }
        if (e instanceof SubqueryExpr sq) {
            return hasSelector(sq.expr());
        }
        if (e instanceof Call c) {
            return c.args().stream().anyMatch(HybridView::hasSelector);
        }
        if (e instanceof BinaryExpr b) {
            return hasSelector(b.lhs()) || hasSelector(b.rhs());
        }
        if (e instanceof UnaryExpr u) {
            return hasSelector(u.expr());
        }
        if (e instanceof ParenExpr p) {
            return hasSelector(p.expr());
        }
        if (e instanceof NumberLiteral || e instanceof StringLiteral) {
            return false;
        }
        throw new IllegalStateException("an expression kind the job does not know: " + e);
    }

    /** The staged aggregation. */
    ViewProgram inner() {
        return inner;
    }

    /** The expression the view stage evaluates over the aggregation's output. */
    Expr outer() {
        return outer;
    }

    /** The labels of an aggregation point as the outer evaluation reads them. */
    static Labels asInner(Labels l) {
        return l.toBuilder().set(Labels.METRIC_NAME, INNER).build();
    }

    /** An output series' labels without the synthetic name. */
    static Labels withoutInner(Labels l) {
        return INNER.equals(l.get(Labels.METRIC_NAME)) ? l.without(List.of(Labels.METRIC_NAME)) : l;
    }

    @Override
    public ViewSpec spec() {
        return spec;
    }

    @Override
    public boolean selects(Labels l) {
        return inner.selects(l);
    }

    @Override
    public List<List<LabelMatcher>> selectors() {
        return inner.selectors();
    }

    @Override
    public long firstStepSeeing(long ts) {
        return inner.firstStepSeeing(ts);
    }

    @Override
    public long lastStepSeeing(long ts) {
        return inner.lastStepSeeing(ts);
    }

    @Override
    public long backReachMillis() {
        return inner.backReachMillis();
    }

    @Override
    public long forwardMillis() {
        return 0;
    }

    @Override
    public long finalDelayMillis() {
        return inner.finalDelayMillis();
    }
}
