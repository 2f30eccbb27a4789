package io.weir.promql.conformance;

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
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import java.math.BigDecimal;
import java.util.List;

/**
 * Renders an AST as query text for the {@code @} re-runs of instant evals. The text means the same
 * as the tree; it need not read back to an identical tree (a negative literal or a unary operand
 * gains parentheses, a metric name moves into the braces).
 */
final class QueryText {
    private QueryText() {}

    static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb);
        return sb.toString();
    }

    private static void print(Expr e, StringBuilder sb) {
        if (e instanceof NumberLiteral n) {
            number(n.value(), sb);
        } else if (e instanceof StringLiteral s) {
            Labels.quote(sb, s.value());
        } else if (e instanceof VectorSelector vs) {
            matchers(vs.matchers(), sb);
            modifiers(vs.offsetMillis(), vs.at(), sb);
        } else if (e instanceof MatrixSelector ms) {
            matchers(ms.selector().matchers(), sb);
            sb.append('[').append(duration(ms.rangeMillis())).append(']');
            modifiers(ms.selector().offsetMillis(), ms.selector().at(), sb);
        } else if (e instanceof SubqueryExpr sq) {
            print(sq.expr(), sb);
            sb.append('[').append(duration(sq.rangeMillis())).append(':');
            if (sq.stepMillis() != 0) {
                sb.append(duration(sq.stepMillis()));
            }
            sb.append(']');
            modifiers(sq.offsetMillis(), sq.at(), sb);
        } else if (e instanceof Call c) {
            sb.append(c.function()).append('(');
            list(c.args(), sb);
            sb.append(')');
        } else if (e instanceof AggregateExpr a) {
            aggregate(a, sb);
        } else if (e instanceof BinaryExpr b) {
            binary(b, sb);
        } else if (e instanceof UnaryExpr u) {
            sb.append(u.negate() ? "-(" : "+(");
            print(u.expr(), sb);
            sb.append(')');
        } else if (e instanceof ParenExpr p) {
            sb.append('(');
            print(p.expr(), sb);
            sb.append(')');
        } else {
            throw new AssertionError("unknown expression " + e);
        }
    }

    private static void aggregate(AggregateExpr a, StringBuilder sb) {
        sb.append(a.op().keyword());
        if (a.without() || !a.grouping().isEmpty()) {
            sb.append(a.without() ? " without (" : " by (");
            names(a.grouping(), sb);
            sb.append(')');
        }
        sb.append(" (");
        if (a.param() != null) {
            print(a.param(), sb);
            sb.append(", ");
        }
        print(a.expr(), sb);
        sb.append(')');
    }

    private static void binary(BinaryExpr b, StringBuilder sb) {
        print(b.lhs(), sb);
        sb.append(' ').append(b.op().symbol()).append(' ');
        if (b.returnBool()) {
            sb.append("bool ");
        }
        VectorMatching m = b.matching();
        if (m != null) {
            if (m.on()) {
                sb.append("on (");
                names(m.matchingLabels(), sb);
                sb.append(") ");
            } else if (!m.matchingLabels().isEmpty()) {
                sb.append("ignoring (");
                names(m.matchingLabels(), sb);
                sb.append(") ");
            }
            if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                    || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
                sb.append(
                        m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                                ? "group_left ("
                                : "group_right (");
                names(m.include(), sb);
                sb.append(") ");
            }
        }
        print(b.rhs(), sb);
    }

    private static void matchers(List<LabelMatcher> ms, StringBuilder sb) {
        sb.append('{');
        for (int i = 0; i < ms.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            LabelMatcher m = ms.get(i);
            name(m.name(), sb);
            sb.append(m.op().symbol());
            Labels.quote(sb, m.value());
        }
        sb.append('}');
    }

    private static void modifiers(long offsetMillis, AtModifier at, StringBuilder sb) {
        if (offsetMillis != 0) {
            sb.append(" offset ");
            if (offsetMillis < 0) {
                sb.append('-');
            }
            sb.append(duration(Math.abs(offsetMillis)));
        }
        if (at instanceof AtModifier.Timestamp t) {
            sb.append(" @ ").append(BigDecimal.valueOf(t.millis(), 3).toPlainString());
        } else if (at instanceof AtModifier.Start) {
            sb.append(" @ start()");
        } else if (at instanceof AtModifier.End) {
            sb.append(" @ end()");
        }
    }

    private static String duration(long millis) {
        return millis + "ms";
    }

    private static void number(double v, StringBuilder sb) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "Inf" : "(-Inf)");
        } else if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append("(-").append(Double.toString(-v)).append(')');
        } else {
            sb.append(Double.toString(v));
        }
    }

    private static void list(List<Expr> args, StringBuilder sb) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            print(args.get(i), sb);
        }
    }

    private static void names(List<String> names, StringBuilder sb) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            name(names.get(i), sb);
        }
    }

    private static void name(String n, StringBuilder sb) {
        if (Labels.isLegacyLabelName(n)) {
            sb.append(n);
        } else {
            Labels.quote(sb, n);
        }
    }
}
