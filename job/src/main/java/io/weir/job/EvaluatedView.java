package io.weir.job;

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
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A view on the evaluated path: the series stage forwards the raw samples of every series one of
 * its selectors selects, and the view stage keeps the samples the view can still read and evaluates
 * the whole expression at each step with the evaluator itself ({@code Engine.rangeQuery} over
 * {@code [t, t]} with the view's step), so every construct means exactly what it means to the
 * evaluator. This is how the job runs every shape the staged path does not.
 *
 * <p>A step {@code t} reads samples in {@code (t - back, t + forward]}: {@code back} is the largest
 * reach of any selector (lookback or range, plus offset, plus the ranges and offsets of the
 * subqueries around it); {@code forward} is the largest negative offset, and delays the step's
 * final time by as much.
 */
final class EvaluatedView implements ViewPlan {
    private final ViewSpec spec;
    private final Expr expr;
    private final List<List<LabelMatcher>> selectors;
    private final long backMillis;
    private final long forwardMillis;

    private EvaluatedView(
            ViewSpec spec,
            Expr expr,
            List<List<LabelMatcher>> selectors,
            long backMillis,
            long forwardMillis) {
        this.spec = spec;
        this.expr = expr;
        this.selectors = List.copyOf(selectors);
        this.backMillis = backMillis;
        this.forwardMillis = forwardMillis;
    }

    /**
     * The evaluated plan of a view whose query compiled. {@code lookbackMillis} is the evaluator's
     * lookback of instant selectors.
     */
    static EvaluatedView of(ViewSpec spec, long lookbackMillis) {
        Expr expr = PromqlParser.parse(spec.query());
        Reach reach = new Reach(lookbackMillis);
        reach.visit(expr, 0, 0);
        return new EvaluatedView(spec, expr, reach.selectors, reach.back, reach.forward);
    }

    @Override
    public ViewSpec spec() {
        return spec;
    }

    /** The checked expression the view stage evaluates. */
    Expr expr() {
        return expr;
    }

    @Override
    public boolean selects(Labels l) {
        for (List<LabelMatcher> matchers : selectors) {
            if (LabelMatchers.matchesAll(matchers, l)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<List<LabelMatcher>> selectors() {
        return selectors;
    }

    @Override
    public long firstStepSeeing(long ts) {
        long step = spec.stepMillis();
        return Math.max(
                Math.floorDiv(ts - forwardMillis + step - 1, step) * step, spec.firstStep());
    }

    @Override
    public long lastStepSeeing(long ts) {
        return Math.floorDiv(ts + backMillis - 1, spec.stepMillis()) * spec.stepMillis();
    }

    @Override
    public long backReachMillis() {
        return backMillis;
    }

    @Override
    public long finalDelayMillis() {
        return spec.latenessMillis() + forwardMillis;
    }

    @Override
    public long forwardMillis() {
        return forwardMillis;
    }

    /**
     * Collects the selectors and how far around a step they read. An expression is evaluated at
     * times in {@code [t - a, t - b]}; a subquery widens that for its inner expression by its range
     * and shifts it by its offset. ({@code @ start()} and {@code @ end()} pin a selector to the
     * step itself, which changes nothing outside subqueries; the compiler refuses them inside one.)
     */
    private static final class Reach {
        final long lookback;
        final List<List<LabelMatcher>> selectors = new ArrayList<>();
        long back;
        long forward;

        Reach(long lookback) {
            this.lookback = lookback;
        }

        void visit(Expr e, long a, long b) {
            if (e instanceof VectorSelector vs) {
                selector(vs, lookback, a, b);
            } else if (e instanceof MatrixSelector ms) {
                selector(ms.selector(), ms.rangeMillis(), a, b);
            } else if (e instanceof SubqueryExpr sq) {
                visit(sq.expr(), a + sq.offsetMillis() + sq.rangeMillis(), b + sq.offsetMillis());
            } else if (e instanceof Call c) {
                c.args().forEach(x -> visit(x, a, b));
            } else if (e instanceof AggregateExpr ag) {
                visit(ag.expr(), a, b);
                if (ag.param() != null) {
                    visit(ag.param(), a, b);
                }
            } else if (e instanceof BinaryExpr be) {
                visit(be.lhs(), a, b);
                visit(be.rhs(), a, b);
            } else if (e instanceof UnaryExpr u) {
                visit(u.expr(), a, b);
            } else if (e instanceof ParenExpr p) {
                visit(p.expr(), a, b);
            } else if (!(e instanceof NumberLiteral) && !(e instanceof StringLiteral)) {
                throw new IllegalStateException("an expression kind the job does not know: " + e);
            }
        }

        private void selector(VectorSelector vs, long reach, long a, long b) {
            selectors.add(vs.matchers());
            back = Math.max(back, a + vs.offsetMillis() + reach);
            forward = Math.max(forward, -(b + vs.offsetMillis()));
        }
    }
}
