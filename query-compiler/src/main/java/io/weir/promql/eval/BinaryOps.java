package io.weir.promql.eval;

import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;

/** Binary operators on scalars and vectors; vector/vector matching is in {@link VectorMatcher}. */
final class BinaryOps {
    private BinaryOps() {}

    static Val eval(Evaluator ev, BinaryExpr e, Steps steps) {
        Val l = ev.eval(e.lhs(), steps);
        Val r = ev.eval(e.rhs(), steps);
        if (l instanceof Val.Scalars ls && r instanceof Val.Scalars rs) {
            double[] out = new double[ls.values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = scalar(e.op(), ls.values[i], rs.values[i]);
            }
            return new Val.Scalars(out);
        }
        if (l instanceof Val.Vectors lv && r instanceof Val.Scalars rs) {
            return vectorScalar(e, lv.series(), rs.values, false);
        }
        if (l instanceof Val.Scalars ls && r instanceof Val.Vectors rv) {
            return vectorScalar(e, rv.series(), ls.values, true);
        }
        if (l instanceof Val.Vectors lv && r instanceof Val.Vectors rv) {
            return new Val.Vectors(VectorMatcher.eval(ev.ctx, e, lv.series(), rv.series(), steps));
        }
        throw new IllegalStateException("binary operator on " + l + " and " + r);
    }

    /** A scalar/scalar operation; comparisons give 0 or 1. */
    static double scalar(BinaryOp op, double a, double b) {
        if (op.isComparison()) {
            return compare(op, a, b) ? 1 : 0;
        }
        return arithmetic(op, a, b);
    }

    static double arithmetic(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> goPow(a, b);
            case MOD -> goMod(a, b);
            case ATAN2 -> Math.atan2(a, b);
            case OR, AND, UNLESS, EQL, NEQ, GTR, LSS, GTE, LTE ->
                    throw new IllegalStateException("not an arithmetic operator: " + op);
        };
    }

    /** Go's math.Pow, which differs from Java's for a base of 1 or -1. */
    static double goPow(double a, double b) {
        if (a == 1 || (a == -1 && Double.isInfinite(b))) {
            return 1;
        }
        return Math.pow(a, b);
    }

    /** Go's math.Mod: the result has the sign of {@code a}; Java's % agrees on finite values. */
    private static double goMod(double a, double b) {
        return a % b;
    }

    static boolean compare(BinaryOp op, double a, double b) {
        return switch (op) {
            case EQL -> a == b;
            case NEQ -> a != b;
            case GTR -> a > b;
            case LSS -> a < b;
            case GTE -> a >= b;
            case LTE -> a <= b;
            case OR, AND, UNLESS, ADD, SUB, MUL, DIV, MOD, ATAN2, POW ->
                    throw new IllegalStateException("not a comparison: " + op);
        };
    }

    /**
     * A vector and a scalar, per series and step. A comparison keeps the vector's value (whichever
     * side it is on) where it holds; arithmetic and {@code bool} drop the metric name.
     */
    private static Val vectorScalar(BinaryExpr e, SeriesSet vec, double[] sc, boolean swap) {
        BinaryOp op = e.op();
        boolean comparison = op.isComparison();
        boolean bool = e.returnBool();
        return new Val.Vectors(
                Evaluator.map(
                        vec,
                        s -> {
                            int n = s.values.length;
                            boolean drop = s.dropName || !comparison || bool;
                            StepSeries out = StepSeries.empty(s.labels, drop, n);
                            for (int i = 0; i < n; i++) {
                                if (!s.present[i]) {
                                    continue;
                                }
                                double v = s.values[i];
                                double a = swap ? sc[i] : v;
                                double b = swap ? v : sc[i];
                                if (!comparison) {
                                    out.set(i, arithmetic(op, a, b));
                                } else if (bool) {
                                    out.set(i, compare(op, a, b) ? 1 : 0);
                                } else if (compare(op, a, b)) {
                                    out.set(i, v);
                                }
                            }
                            return out;
                        }));
    }
}
