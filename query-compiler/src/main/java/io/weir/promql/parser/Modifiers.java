package io.weir.promql.parser;

import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.parser.PromqlGrammar.AtExprContext;
import io.weir.promql.parser.PromqlGrammar.AtTimestampContext;
import io.weir.promql.parser.PromqlGrammar.MatrixExprContext;
import io.weir.promql.parser.PromqlGrammar.OffsetExprContext;
import io.weir.promql.parser.PromqlGrammar.SubqueryExprContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The postfix parts of an expression: {@code [range]}, {@code [range:step]}, {@code offset} and
 * {@code @}, with Prometheus's rules on what they may follow and how often.
 */
final class Modifiers {
    private static final String OFFSET_TARGET =
            "offset modifier must be preceded by an instant vector selector or range vector selector"
                    + " or a subquery";
    private static final String AT_TARGET =
            "@ modifier must be preceded by an instant vector selector or range vector selector or a"
                    + " subquery";
    private static final String RANGES_ONLY = "ranges only allowed for vector selectors";

    private final List<SyntaxError> errors;

    Modifiers(List<SyntaxError> errors) {
        this.errors = errors;
    }

    Expr range(Expr inner, MatrixExprContext ctx) {
        PositionRange brackets =
                new PositionRange(
                        ctx.LEFT_BRACKET().getSymbol().getStartIndex(),
                        ctx.RIGHT_BRACKET().getSymbol().getStopIndex() + 1);
        long range = Durations.millis(ctx.duration(), true, errors);
        if (!(inner instanceof VectorSelector vs)) {
            errors.add(SyntaxError.at(brackets, RANGES_ONLY));
            return inner;
        }
        if (vs.offsetMillis() != 0) {
            errors.add(SyntaxError.at(brackets, "no offset modifiers allowed before range"));
        } else if (vs.at() != null) {
            errors.add(SyntaxError.at(brackets, "no @ modifiers allowed before range"));
        }
        return new MatrixSelector(vs, range, AstBuilder.range(ctx));
    }

    Expr subquery(Expr inner, SubqueryExprContext ctx) {
        long range = Durations.millis(ctx.duration(0), true, errors);
        long step = ctx.duration().size() > 1 ? Durations.millis(ctx.duration(1), true, errors) : 0;
        return new SubqueryExpr(inner, range, step, 0, null, AstBuilder.range(ctx));
    }

    Expr offset(Expr inner, OffsetExprContext ctx) {
        long offset = Durations.millis(ctx.signedDuration(), false, errors);
        PositionRange pos = AstBuilder.range(ctx);
        if (inner instanceof VectorSelector vs) {
            if (checkOffsetUnset(vs.offsetMillis(), inner)) {
                return withPos(vs.withOffset(offset), pos);
            }
        } else if (inner instanceof MatrixSelector m) {
            if (checkOffsetUnset(m.selector().offsetMillis(), inner)) {
                return new MatrixSelector(m.selector().withOffset(offset), m.rangeMillis(), pos);
            }
        } else if (inner instanceof SubqueryExpr s) {
            if (checkOffsetUnset(s.offsetMillis(), inner)) {
                return new SubqueryExpr(
                        s.expr(), s.rangeMillis(), s.stepMillis(), offset, s.at(), pos);
            }
        } else {
            errors.add(SyntaxError.at(inner.pos(), OFFSET_TARGET));
        }
        return inner;
    }

    private boolean checkOffsetUnset(long current, Expr inner) {
        if (current != 0) {
            errors.add(SyntaxError.at(inner.pos(), "offset may not be set multiple times"));
            return false;
        }
        return true;
    }

    Expr at(Expr inner, AtExprContext ctx) {
        AtModifier at;
        if (ctx.atValue() instanceof AtTimestampContext ts) {
            double seconds = Durations.signedSeconds(ts, errors);
            if (Double.isNaN(seconds)
                    || Double.isInfinite(seconds)
                    || seconds >= 0x1p63
                    || seconds <= -0x1p63) {
                errors.add(
                        SyntaxError.at(
                                inner.pos(),
                                "timestamp out of bounds for @ modifier: " + goFloat(seconds)));
            }
            double ms = seconds * 1000;
            at =
                    new AtModifier.Timestamp(
                            (long) (Math.signum(ms) * Math.floor(Math.abs(ms) + 0.5)));
        } else {
            at =
                    ctx.atValue().getStart().getType() == PromqlGrammar.START
                            ? new AtModifier.Start()
                            : new AtModifier.End();
        }
        PositionRange pos = AstBuilder.range(ctx);
        if (inner instanceof VectorSelector vs) {
            if (checkAtUnset(vs.at(), inner)) {
                return withPos(vs.withAt(at), pos);
            }
        } else if (inner instanceof MatrixSelector m) {
            if (checkAtUnset(m.selector().at(), inner)) {
                return new MatrixSelector(m.selector().withAt(at), m.rangeMillis(), pos);
            }
        } else if (inner instanceof SubqueryExpr s) {
            if (checkAtUnset(s.at(), inner)) {
                return new SubqueryExpr(
                        s.expr(), s.rangeMillis(), s.stepMillis(), s.offsetMillis(), at, pos);
            }
        } else {
            errors.add(SyntaxError.at(inner.pos(), AT_TARGET));
        }
        return inner;
    }

    private boolean checkAtUnset(AtModifier current, Expr inner) {
        if (current != null) {
            errors.add(SyntaxError.at(inner.pos(), "@ <timestamp> may not be set multiple times"));
            return false;
        }
        return true;
    }

    private static VectorSelector withPos(VectorSelector vs, PositionRange pos) {
        return new VectorSelector(vs.metricName(), vs.matchers(), vs.offsetMillis(), vs.at(), pos);
    }

    /** Go's {@code %f}. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }
}
