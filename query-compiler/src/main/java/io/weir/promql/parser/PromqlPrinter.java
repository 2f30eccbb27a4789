package io.weir.promql.parser;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints an AST as PromQL, in Prometheus's style ({@code sum by (job) (rate(x[5m]))}), such that
 * parsing the text gives back an equal AST. Parentheses come from {@link ParenExpr} nodes, as the
 * parser keeps them, plus those an AST built in code needs to keep its meaning; matchers keep their
 * order.
 */
public final class PromqlPrinter {
    /** Words that lex as something other than a metric name outside braces. */
    private static final Set<String> NOT_METRIC_NAMES =
            Set.of("bool", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

    /** Words that lex as something other than a label name in a grouping list. */
    private static final Set<String> NOT_GROUPING_LABELS = Set.of("without", "inf", "nan");

    private final StringBuilder b = new StringBuilder();

    private PromqlPrinter() {}

    public static String print(Expr e) {
        PromqlPrinter p = new PromqlPrinter();
        p.write(e);
        return p.b.toString();
    }

    private void write(Expr e) {
        if (e instanceof NumberLiteral n) {
            b.append(formatNumber(n.value()));
        } else if (e instanceof StringLiteral s) {
            b.append(Quoting.quote(s.value()));
        } else if (e instanceof VectorSelector v) {
            writeSelector(v);
            writeModifiers(v.at(), v.offsetMillis());
        } else if (e instanceof MatrixSelector m) {
            writeSelector(m.selector());
            b.append('[').append(formatDuration(m.rangeMillis())).append(']');
            writeModifiers(m.selector().at(), m.selector().offsetMillis());
        } else if (e instanceof SubqueryExpr s) {
            writeWrapped(s.expr(), !isPostfixTarget(s.expr()));
            b.append('[').append(formatDuration(s.rangeMillis())).append(':');
            if (s.stepMillis() != 0) {
                b.append(formatDuration(s.stepMillis()));
            }
            b.append(']');
            writeModifiers(s.at(), s.offsetMillis());
        } else if (e instanceof Call c) {
            b.append(c.function()).append('(');
            writeList(c.args());
            b.append(')');
        } else if (e instanceof AggregateExpr a) {
            writeAggregate(a);
        } else if (e instanceof BinaryExpr be) {
            writeBinary(be);
        } else if (e instanceof UnaryExpr u) {
            b.append(u.negate() ? '-' : '+');
            boolean wrap =
                    u.expr() instanceof NumberLiteral
                            || (u.expr() instanceof BinaryExpr be && be.op() != BinaryOp.POW);
            writeWrapped(u.expr(), wrap);
        } else if (e instanceof ParenExpr p) {
            b.append('(');
            write(p.expr());
            b.append(')');
        } else {
            throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
        }
    }

    private void writeList(List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            write(args.get(i));
        }
    }

    private void writeAggregate(AggregateExpr a) {
        b.append(a.op().keyword());
        if (a.without()) {
            b.append(" without (");
            writeLabels(a.grouping());
            b.append(") ");
        } else if (!a.grouping().isEmpty()) {
            b.append(" by (");
            writeLabels(a.grouping());
            b.append(") ");
        }
        b.append('(');
        if (a.param() != null) {
            write(a.param());
            b.append(", ");
        }
        write(a.expr());
        b.append(')');
    }

    private void writeBinary(BinaryExpr e) {
        writeWrapped(e.lhs(), needsParensLeft(e.op(), e.lhs()));
        b.append(' ').append(e.op().symbol());
        if (e.returnBool()) {
            b.append(" bool");
        }
        VectorMatching vm = e.matching();
        if (vm != null) {
            b.append(vm.on() ? " on (" : " ignoring (");
            writeLabels(vm.matchingLabels());
            b.append(')');
            if (vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                    || vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
                b.append(
                        vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                                ? " group_left ("
                                : " group_right (");
                writeLabels(vm.include());
                b.append(')');
            }
        }
        b.append(' ');
        writeWrapped(e.rhs(), needsParensRight(e.op(), e.rhs()));
    }

    /*
     * Parenthesis rules. An AST from the parser already holds ParenExpr nodes wherever grouping
     * differs from precedence, so none of these fire for it and printing round-trips. They fire
     * for ASTs built in code (rewrites), whose text then still means the same.
     */

    private void writeWrapped(Expr e, boolean wrap) {
        if (wrap) {
            b.append('(');
        }
        write(e);
        if (wrap) {
            b.append(')');
        }
    }

    private static boolean needsParensLeft(BinaryOp op, Expr lhs) {
        if (lhs instanceof BinaryExpr l) {
            return l.op().precedence() < op.precedence()
                    || (l.op().precedence() == op.precedence() && op.isRightAssociative());
        }
        // -a ^ b and -1 ^ b read as -(a ^ b) and -(1 ^ b).
        return op == BinaryOp.POW
                && (lhs instanceof UnaryExpr
                        || (lhs instanceof NumberLiteral n
                                && Double.doubleToRawLongBits(n.value()) < 0));
    }

    private static boolean needsParensRight(BinaryOp op, Expr rhs) {
        return rhs instanceof BinaryExpr r
                && (r.op().precedence() < op.precedence()
                        || (r.op().precedence() == op.precedence() && !op.isRightAssociative()));
    }

    /** Whether {@code [range:step]} written after {@code e} applies to all of {@code e}. */
    private static boolean isPostfixTarget(Expr e) {
        if (e instanceof NumberLiteral n) {
            return Double.doubleToRawLongBits(n.value()) >= 0 || Double.isNaN(n.value());
        }
        return !(e instanceof BinaryExpr || e instanceof UnaryExpr);
    }

    private void writeLabels(List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            String l = labels.get(i);
            boolean plain =
                    isLegacyLabelName(l)
                            && !NOT_GROUPING_LABELS.contains(l.toLowerCase(Locale.ROOT));
            b.append(plain ? l : Quoting.quote(l));
        }
    }

    private void writeSelector(VectorSelector v) {
        List<LabelMatcher> ms = v.matchers();
        String name = v.metricName();
        boolean nameOutside =
                name != null
                        && canPrecedeBraces(name)
                        && !ms.isEmpty()
                        && isNameMatcher(ms.get(ms.size() - 1), name);
        if (nameOutside) {
            b.append(name);
            ms = ms.subList(0, ms.size() - 1);
            if (ms.isEmpty()) {
                return;
            }
        }
        b.append('{');
        for (int i = 0; i < ms.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            LabelMatcher m = ms.get(i);
            if (!nameOutside && name != null && isNameMatcher(m, name)) {
                b.append(Quoting.quote(name));
                continue;
            }
            b.append(isLegacyLabelName(m.name()) ? m.name() : Quoting.quote(m.name()));
            b.append(m.op().symbol()).append(Quoting.quote(m.value()));
        }
        b.append('}');
    }

    /** Whether a metric name can be written before braces (else it goes inside, quoted). */
    static boolean canPrecedeBraces(String name) {
        return isLegacyMetricName(name)
                && !NOT_METRIC_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isNameMatcher(LabelMatcher m, String name) {
        return m.name().equals(SelectorBuilder.METRIC_NAME)
                && m.op() == LabelMatcher.MatchOp.EQUAL
                && m.value().equals(name);
    }

    private void writeModifiers(AtModifier at, long offsetMillis) {
        if (at instanceof AtModifier.Timestamp t) {
            b.append(" @ ").append(formatTimestamp(t.millis()));
        } else if (at instanceof AtModifier.Start) {
            b.append(" @ start()");
        } else if (at instanceof AtModifier.End) {
            b.append(" @ end()");
        }
        if (offsetMillis > 0) {
            b.append(" offset ").append(formatDuration(offsetMillis));
        } else if (offsetMillis < 0) {
            b.append(" offset -").append(formatDuration(-offsetMillis));
        }
    }

    /** Milliseconds as seconds with three decimals, like Prometheus's {@code %.3f}. */
    static String formatTimestamp(long millis) {
        String sign = millis < 0 ? "-" : "";
        long abs = Math.abs(millis);
        return String.format(Locale.ROOT, "%s%d.%03d", sign, abs / 1000, abs % 1000);
    }

    /** A duration as Prometheus prints one: {@code 1h30m}, {@code 90d}, {@code 0s}. */
    public static String formatDuration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder r = new StringBuilder();
        long ms = millis;
        ms = unit(r, ms, "y", 365L * 24 * 3600 * 1000, true);
        ms = unit(r, ms, "w", 7L * 24 * 3600 * 1000, true);
        ms = unit(r, ms, "d", 24L * 3600 * 1000, false);
        ms = unit(r, ms, "h", 3600L * 1000, false);
        ms = unit(r, ms, "m", 60L * 1000, false);
        ms = unit(r, ms, "s", 1000L, false);
        unit(r, ms, "ms", 1L, false);
        return r.toString();
    }

    private static long unit(StringBuilder r, long ms, String unit, long mult, boolean exact) {
        if (exact && ms % mult != 0) {
            return ms;
        }
        long v = ms / mult;
        if (v > 0) {
            r.append(v).append(unit);
            return ms - v * mult;
        }
        return ms;
    }

    /** A float that parses back to the same bits (NaN aside): plain notation, no exponent. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    static boolean isLegacyMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = PromqlLexer.isAlpha(c) || c == ':' || (i > 0 && PromqlLexer.isDigit(c));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isLegacyLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(PromqlLexer.isAlpha(c) || (i > 0 && PromqlLexer.isDigit(c)))) {
                return false;
            }
        }
        return true;
    }
}
