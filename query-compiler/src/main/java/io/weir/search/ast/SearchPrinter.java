package io.weir.search.ast;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints queries and predicates as text that parses back to an equal tree. Plan-only nodes print in
 * a readable form that is not part of the language ({@code kw:all('a', 'b')}, {@code
 * selector{...}}).
 */
public final class SearchPrinter {
    private SearchPrinter() {}

    public static String print(SearchQuery q) {
        String where = print(q.where());
        return q.selector().isEmpty() ? where : selector(q.selector()) + " WHERE " + where;
    }

    public static String print(Predicate p) {
        return p.accept(PRINTER);
    }

    private static final PredicateVisitor<String> PRINTER =
            new PredicateVisitor<>() {
                @Override
                public String visitKeyword(Keyword k) {
                    return "kw(" + quote(k.text()) + ")";
                }

                @Override
                public String visitKeywordSet(KeywordSet s) {
                    return "kw:"
                            + s.mode().name().toLowerCase(java.util.Locale.ROOT)
                            + "("
                            + s.tokens().stream()
                                    .map(SearchPrinter::quote)
                                    .collect(Collectors.joining(", "))
                            + ")";
                }

                @Override
                public String visitLabelPresent(LabelPresent l) {
                    return "label(" + quote(l.name()) + ")";
                }

                @Override
                public String visitLabelMatch(LabelMatch m) {
                    return "label("
                            + quote(m.name())
                            + ") "
                            + (m.regex() ? "=~ " : "= ")
                            + quote(m.value());
                }

                @Override
                public String visitPercentile(Percentile c) {
                    return "pct("
                            + number(c.quantile())
                            + ", "
                            + Durations.format(c.rangeMillis())
                            + ") "
                            + c.op().symbol()
                            + " "
                            + number(c.threshold());
                }

                @Override
                public String visitSelector(Selector s) {
                    return "selector" + selector(s.matchers());
                }

                @Override
                public String visitAnd(And a) {
                    return join(a.operands(), " AND ", true);
                }

                @Override
                public String visitOr(Or o) {
                    return join(o.operands(), " OR ", false);
                }

                @Override
                public String visitNot(Not n) {
                    return "NOT " + operand(n.operand(), true);
                }
            };

    private static String join(List<Predicate> ops, String sep, boolean inAnd) {
        return ops.stream().map(o -> operand(o, inAnd)).collect(Collectors.joining(sep));
    }

    /** Parenthesises what binds looser than the context: OR under AND or NOT, AND under NOT. */
    private static String operand(Predicate p, boolean tight) {
        // Only the boolean nodes can bind looser than their context.
        boolean paren = p instanceof Or || (tight && p instanceof And);
        String s = print(p);
        return paren ? "(" + s + ")" : s;
    }

    /** A number the grammar reads back to the same double. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Single-quoted, with backslash escapes for the quote, backslash and line breaks. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A PromQL selector: {@code name{a="b"}} or {@code {"odd.name", a="b"}}. */
    static String selector(List<LabelMatcher> matchers) {
        StringBuilder sb = new StringBuilder();
        String name = null;
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)
                    && m.op() == LabelMatcher.MatchOp.EQUAL
                    && Labels.isLegacyMetricName(m.value())
                    && name == null) {
                name = m.value();
            }
        }
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        boolean nameDone = false;
        for (LabelMatcher m : matchers) {
            if (name != null
                    && !nameDone
                    && m.name().equals(Labels.METRIC_NAME)
                    && m.op() == LabelMatcher.MatchOp.EQUAL
                    && m.value().equals(name)) {
                nameDone = true;
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            if (Labels.isLegacyLabelName(m.name())) {
                sb.append(m.name());
            } else {
                Labels.quote(sb, m.name());
            }
            sb.append(m.op().symbol());
            Labels.quote(sb, m.value());
        }
        return sb.append('}').toString();
    }
}
