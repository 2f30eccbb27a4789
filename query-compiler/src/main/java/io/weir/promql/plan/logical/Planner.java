package io.weir.promql.plan.logical;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.analysis.Types;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.ValueType;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds the logical plan of a view from its checked AST. Every construct the evaluator supports
 * becomes a plan node; those a continuous view cannot have are rejected here with an {@link
 * ErrorCode#UNSUPPORTED} error that names the construct, says why, and points at it.
 *
 * <p>A view's step {@code t} is evaluated as Prometheus evaluates a range query over {@code [t, t]}
 * with the view's step. So {@code @ start()} and {@code @ end()} both mean {@code t} and are
 * dropped; {@code start()} and {@code end()} are {@code time()}; {@code range()} is 0; {@code
 * step()} is the view's step. {@code @ <timestamp>} pins evaluation to one time and is rejected.
 */
public final class Planner {
    private final String query;
    private final PlanOptions options;

    /** How many subqueries enclose the node being planned. */
    private int subqueryDepth;

    private Planner(String query, PlanOptions options) {
        this.query = query;
        this.options = options;
    }

    /** Parses, checks and plans {@code query}. */
    public static LogicalNode plan(String query, PlanOptions options) {
        return plan(PromqlParser.parse(query), query, options);
    }

    /**
     * Plans a checked AST; {@code query} is its text, for error positions (may be null).
     *
     * @throws PromqlException UNSUPPORTED for constructs a view cannot have
     */
    public static LogicalNode plan(Expr expr, String query, PlanOptions options) {
        ValueType type = Types.typeOf(expr);
        if (type != ValueType.SCALAR && type != ValueType.INSTANT_VECTOR) {
            // A view is a range query; Prometheus refuses these types for one in these words.
            throw new PromqlException(
                    ErrorCode.UNSUPPORTED,
                    expr.pos(),
                    query,
                    "invalid expression type \""
                            + type.display()
                            + "\" for range query, must be Scalar or instant Vector");
        }
        return new Planner(query, options).node(expr, options.stepMillis());
    }

    LogicalNode node(Expr e, long step) {
        if (e instanceof NumberLiteral n) {
            return new NumberValue(n.value());
        } else if (e instanceof StringLiteral s) {
            return new StringValue(s.value());
        } else if (e instanceof ParenExpr p) {
            return node(p.expr(), step);
        } else if (e instanceof VectorSelector vs) {
            return instant(vs, step, false);
        } else if (e instanceof UnaryExpr u) {
            return unary(u, step);
        } else if (e instanceof BinaryExpr b) {
            return binary(b, step);
        } else if (e instanceof AggregateExpr a) {
            return aggregate(a, step);
        } else if (e instanceof Call c) {
            return new CallPlanner(this).call(c, step);
        } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
            throw new IllegalStateException("a range vector outside a function: " + e);
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    LogicalNode instant(VectorSelector vs, long step, boolean timestamps) {
        checkAt(vs.at(), vs.pos(), false);
        // timestamp(x @ t) reads the sample at exactly t: the offset does not apply.
        long offset = timestamps && vs.at() != null ? 0 : vs.offsetMillis();
        return new InstantSample(scan(vs), options.lookbackMillis(), offset, step, timestamps);
    }

    static LogicalNode scan(VectorSelector vs) {
        return new SeriesScan(vs.matchers());
    }

    /** The samples a range function reads: a scan, or a subquery; with the window's offset. */
    record Window(LogicalNode samples, long rangeMillis, long offsetMillis) {}

    Window window(Expr arg) {
        Expr e = unwrap(arg);
        if (e instanceof MatrixSelector ms) {
            checkAt(ms.selector().at(), ms.pos(), false);
            return new Window(scan(ms.selector()), ms.rangeMillis(), ms.selector().offsetMillis());
        }
        SubqueryExpr sq = (SubqueryExpr) e;
        checkAt(sq.at(), sq.pos(), true);
        long inner = sq.stepMillis() != 0 ? sq.stepMillis() : options.defaultSubqueryStepMillis();
        subqueryDepth++;
        try {
            return new Window(
                    new Subquery(node(sq.expr(), inner), inner),
                    sq.rangeMillis(),
                    sq.offsetMillis());
        } finally {
            subqueryDepth--;
        }
    }

    private LogicalNode unary(UnaryExpr u, long step) {
        LogicalNode in = node(u.expr(), step);
        if (!u.negate()) {
            return in;
        }
        return in.type() == PlanType.SCALAR
                ? new ScalarFunction("-", List.of(in))
                : new SeriesFunction(in, "-", List.of(), List.of());
    }

    private LogicalNode binary(BinaryExpr b, long step) {
        LogicalNode l = node(b.lhs(), step);
        LogicalNode r = node(b.rhs(), step);
        boolean ls = l.type() == PlanType.SCALAR;
        boolean rs = r.type() == PlanType.SCALAR;
        if (ls && rs) {
            return new ScalarBinary(l, r, b.op(), b.returnBool());
        }
        if (rs) {
            return new VectorScalar(l, r, b.op(), false, b.returnBool());
        }
        if (ls) {
            return new VectorScalar(r, l, b.op(), true, b.returnBool());
        }
        VectorMatching m = b.matching() == null ? VectorMatching.DEFAULT : b.matching();
        if (b.op().isSetOperator()) {
            m =
                    new VectorMatching(
                            VectorMatching.Cardinality.MANY_TO_MANY,
                            m.on(),
                            m.matchingLabels(),
                            m.include());
        }
        return new VectorJoin(l, r, b.op(), m, b.returnBool());
    }

    private LogicalNode aggregate(AggregateExpr a, long step) {
        LogicalNode in = node(a.expr(), step);
        LogicalNode param = a.param() == null ? null : node(a.param(), step);
        List<String> grouping = new ArrayList<>(new TreeSet<>(a.grouping()));
        return new Aggregate(in, a.op(), grouping, a.without(), param, Aggregate.Phase.SINGLE);
    }

    /**
     * Rejects {@code @ <timestamp>}; {@code @ start()} and {@code @ end()} mean the view's step,
     * which inside a subquery is not the time the subquery's points are evaluated at.
     */
    void checkAt(AtModifier at, PositionRange pos, boolean subquery) {
        if (at != null && !(at instanceof AtModifier.Timestamp) && subqueryDepth > 0) {
            String which = at instanceof AtModifier.Start ? "@ start()" : "@ end()";
            throw unsupported(
                    AtPositions.find(query, pos, subquery),
                    which
                            + " inside a subquery pins every point of the subquery to the view's"
                            + " step; a continuous view cannot evaluate that");
        }
        if (at instanceof AtModifier.Timestamp ts) {
            throw unsupported(
                    AtPositions.find(query, pos, subquery),
                    "@ "
                            + seconds(ts.millis())
                            + " pins evaluation to a fixed time; a continuous view cannot use it");
        }
    }

    PromqlException unsupported(PositionRange pos, String detail) {
        return new PromqlException(ErrorCode.UNSUPPORTED, pos, query, detail);
    }

    PlanOptions options() {
        return options;
    }

    /** True while planning the inner expression of a subquery. */
    boolean insideSubquery() {
        return subqueryDepth > 0;
    }

    static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    private static String seconds(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        String s = java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
        return s;
    }
}
