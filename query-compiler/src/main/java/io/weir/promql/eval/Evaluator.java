package io.weir.promql.eval;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorSelector;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Turns each node of the checked AST into an operator over a step grid. Every node kind has its own
 * class; this one only dispatches.
 */
final class Evaluator {
    final QueryContext ctx;

    Evaluator(QueryContext ctx) {
        this.ctx = ctx;
    }

    Val eval(Expr e, Steps steps) {
        ctx.checkTimeout();
        if (e instanceof NumberLiteral n) {
            return constant(n.value(), steps);
        } else if (e instanceof StringLiteral s) {
            return new Val.Str(s.value());
        } else if (e instanceof VectorSelector vs) {
            return new Val.Vectors(Selectors.instant(ctx, vs, steps, false));
        } else if (e instanceof ParenExpr p) {
            return eval(p.expr(), steps);
        } else if (e instanceof UnaryExpr u) {
            return unary(u, steps);
        } else if (e instanceof BinaryExpr b) {
            return BinaryOps.eval(this, b, steps);
        } else if (e instanceof AggregateExpr a) {
            return Aggregations.eval(this, a, steps);
        } else if (e instanceof Call c) {
            return Functions.eval(this, c, steps);
        } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
            throw new PromqlException(
                    PromqlException.ErrorCode.TYPE,
                    "a range vector cannot be evaluated as an instant value");
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    SeriesSet vectors(Expr e, Steps steps) {
        Val v = eval(e, steps);
        if (v instanceof Val.Vectors vec) {
            return vec.series();
        }
        throw new IllegalStateException("expected an instant vector from " + e);
    }

    double[] scalars(Expr e, Steps steps) {
        Val v = eval(e, steps);
        if (v instanceof Val.Scalars s) {
            return s.values;
        }
        throw new IllegalStateException("expected a scalar from " + e);
    }

    static Val.Scalars constant(double value, Steps steps) {
        double[] v = new double[steps.count()];
        Arrays.fill(v, value);
        return new Val.Scalars(v);
    }

    private Val unary(UnaryExpr u, Steps steps) {
        Val v = eval(u.expr(), steps);
        if (!u.negate()) {
            return v;
        }
        if (v instanceof Val.Scalars s) {
            double[] out = new double[s.values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -s.values[i];
            }
            return new Val.Scalars(out);
        }
        SeriesSet in = ((Val.Vectors) v).series();
        return new Val.Vectors(
                map(
                        in,
                        s -> {
                            StepSeries out = StepSeries.empty(s.labels, true, s.values.length);
                            for (int i = 0; i < s.values.length; i++) {
                                if (s.present[i]) {
                                    out.set(i, -s.values[i]);
                                }
                            }
                            return out;
                        }));
    }

    /** A lazy per-series transformation; {@code fn} may return null to drop a series. */
    static SeriesSet map(SeriesSet in, UnaryOperator<StepSeries> fn) {
        return new SeriesSet() {
            @Override
            public int size() {
                return in.size();
            }

            @Override
            public StepSeries get(int i) {
                StepSeries s = in.get(i);
                return s == null ? null : fn.apply(s);
            }
        };
    }

    static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }
}
