package io.weir.promql.analysis;

import com.google.re2j.Pattern;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
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
import io.weir.promql.ast.ValueType;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Type-checks an AST as Prometheus's {@code checkAST} does, collecting every error in the order
 * Prometheus finds them, worded as Prometheus words them.
 */
public final class Checker {
    private static final String METRIC_NAME = "__name__";

    private final String query;
    private final List<CheckError> errors = new ArrayList<>();

    private Checker(String query) {
        this.query = query;
    }

    /**
     * All errors of {@code expr}, first found first. {@code query} is the text it was parsed from
     * (used to place operator errors), or null.
     */
    public static List<CheckError> check(Expr expr, String query) {
        Checker c = new Checker(query);
        c.visit(expr);
        return List.copyOf(c.errors);
    }

    private void error(PositionRange pos, String message) {
        errors.add(new CheckError(pos, message));
    }

    private ValueType visit(Expr n) {
        if (n instanceof AggregateExpr a) {
            visitAggregate(a);
        } else if (n instanceof BinaryExpr b) {
            BinaryChecks.check(b, visit(b.lhs()), visit(b.rhs()), query, this::error);
        } else if (n instanceof Call c) {
            visitCall(c);
        } else if (n instanceof ParenExpr p) {
            visit(p.expr());
        } else if (n instanceof UnaryExpr u) {
            ValueType t = visit(u.expr());
            if (t != ValueType.SCALAR && t != ValueType.INSTANT_VECTOR) {
                error(
                        u.pos(),
                        "unary expression only allowed on expressions of type scalar or instant"
                                + " vector, got \""
                                + t.display()
                                + "\"");
            }
        } else if (n instanceof SubqueryExpr s) {
            ValueType t = visit(s.expr());
            if (t != ValueType.INSTANT_VECTOR) {
                error(
                        s.pos(),
                        "subquery is only allowed on instant vector, got "
                                + internalName(t)
                                + " instead");
            }
        } else if (n instanceof MatrixSelector m) {
            visit(m.selector());
        } else if (n instanceof VectorSelector v) {
            visitSelector(v, false);
        } else if (!(n instanceof NumberLiteral) && !(n instanceof StringLiteral)) {
            throw new IllegalStateException("unhandled node " + n.getClass().getSimpleName());
        }
        return Types.typeOf(n);
    }

    private void expectType(Expr e, ValueType want, String context) {
        ValueType t = visit(e);
        if (t != want) {
            error(e.pos(), "expected type " + want + " in " + context + ", got " + t);
        }
    }

    private void visitAggregate(AggregateExpr a) {
        expectType(a.expr(), ValueType.INSTANT_VECTOR, "aggregation expression");
        if (a.op() == AggregateOp.COUNT_VALUES) {
            expectType(a.param(), ValueType.STRING, "aggregation parameter");
        } else if (a.op().hasParam()) {
            expectType(a.param(), ValueType.SCALAR, "aggregation parameter");
        }
    }

    private void visitCall(Call c) {
        FunctionSignature f = Functions.lookup(c.function());
        if (f == null) {
            error(c.pos(), "unknown function with name \"" + c.function() + "\"");
            return;
        }
        int n = c.args().size();
        String name = "\"" + f.name() + "\"";
        if (f.variadic() == 0) {
            if (n != f.argTypes().size()) {
                error(
                        c.pos(),
                        "expected "
                                + f.argTypes().size()
                                + " argument(s) in call to "
                                + name
                                + ", got "
                                + n);
            }
        } else if (n < f.minArgs()) {
            error(
                    c.pos(),
                    "expected at least "
                            + f.minArgs()
                            + " argument(s) in call to "
                            + name
                            + ", got "
                            + n);
        } else if (f.maxArgs() >= 0 && n > f.maxArgs()) {
            error(
                    c.pos(),
                    "expected at most "
                            + f.maxArgs()
                            + " argument(s) in call to "
                            + name
                            + ", got "
                            + n);
        }
        boolean labelSelectorArg = false;
        if (f.name().equals("info") && n > 1) {
            labelSelectorArg = checkInfoSelector(c);
        }
        for (int i = 0; i < n; i++) {
            if (i >= f.argTypes().size() && f.variadic() == 0) {
                break;
            }
            Expr arg = c.args().get(i);
            ValueType t =
                    labelSelectorArg && i == 1
                            ? visitSelector((VectorSelector) arg, true)
                            : visit(arg);
            ValueType want = f.argType(i);
            if (t != want) {
                error(
                        arg.pos(),
                        "expected type " + want + " in call to function " + name + ", got " + t);
            }
        }
    }

    /** info()'s second argument must be a bare label selector; true when it is one. */
    private boolean checkInfoSelector(Call c) {
        Expr second = c.args().get(1);
        ValueType t = Types.typeOf(second);
        if (t != ValueType.INSTANT_VECTOR) {
            error(c.pos(), "expected type instant vector in call to function \"info\", got " + t);
        }
        if (second instanceof VectorSelector vs) {
            if (nameOutsideBraces(vs)) {
                error(second.pos(), "expected label selectors only, got vector selector instead");
                return false;
            }
            return true;
        }
        error(second.pos(), "expected label selectors only");
        return false;
    }

    private ValueType visitSelector(VectorSelector v, boolean bypassEmptyCheck) {
        if (nameOutsideBraces(v)) {
            List<LabelMatcher> ms = v.matchers();
            for (LabelMatcher m : ms.subList(0, ms.size() - 1)) {
                if (m.name().equals(METRIC_NAME)) {
                    error(
                            v.pos(),
                            "metric name must not be set twice: \""
                                    + v.metricName()
                                    + "\" or \""
                                    + m.value()
                                    + "\"");
                }
            }
        } else if (!bypassEmptyCheck && v.matchers().stream().allMatch(Checker::matchesEmpty)) {
            error(v.pos(), "vector selector must contain at least one non-empty matcher");
        }
        return ValueType.INSTANT_VECTOR;
    }

    /** Whether the selector's name was written before its braces (Prometheus's {@code Name}). */
    static boolean nameOutsideBraces(VectorSelector v) {
        List<LabelMatcher> ms = v.matchers();
        if (v.metricName() == null || v.metricName().isEmpty() || ms.isEmpty()) {
            return false;
        }
        LabelMatcher last = ms.get(ms.size() - 1);
        return last.name().equals(METRIC_NAME)
                && last.op() == LabelMatcher.MatchOp.EQUAL
                && last.value().equals(v.metricName());
    }

    /** Whether a matcher accepts the empty string (so it selects series lacking the label). */
    public static boolean matchesEmpty(LabelMatcher m) {
        return switch (m.op()) {
            case EQUAL -> m.value().isEmpty();
            case NOT_EQUAL -> !m.value().isEmpty();
            case REGEX -> regexMatchesEmpty(m.value());
            case NOT_REGEX -> !regexMatchesEmpty(m.value());
        };
    }

    private static boolean regexMatchesEmpty(String regex) {
        return Pattern.compile("^(?s:" + regex + ")$").matcher("").matches();
    }

    /** Prometheus's internal type names, used by a few of its messages. */
    static String internalName(ValueType t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case INSTANT_VECTOR -> "vector";
            case RANGE_VECTOR -> "matrix";
            case STRING -> "string";
        };
    }
}
