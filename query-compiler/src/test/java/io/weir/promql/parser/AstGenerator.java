package io.weir.promql.parser;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
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
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-typed ASTs in the shapes the parser produces: parentheses where precedence needs
 * them, signs folded into number literals, modifiers only on selectors and subqueries.
 */
final class AstGenerator {
    private static final PositionRange NO = PositionRange.NONE;
    private static final String[] NAMES = {
        "foo",
        "http_requests_total",
        "a:b",
        "sum",
        "by",
        "offset",
        "bool",
        "on",
        "inf",
        "NaN",
        "my.metric",
        "ünïcode",
        "with space",
        "start",
        "without",
        "group_left"
    };
    private static final String[] LABELS = {
        "job", "on", "by", "without", "bool", "inf", "a.b", "é", "__name__x", "le", "group_right"
    };
    private static final String[] VALUES = {"", "x", "a\"b", "tab\there", "é", "\\", "`q`", "\n"};
    private static final String[] REGEXES = {"a.*", "b|c", ".+", "x?", "[0-9]+"};
    private static final long[] DURATIONS = {
        1,
        999,
        1000,
        60_000,
        90_000,
        300_000,
        3_600_000,
        5_400_000,
        86_400_000,
        604_800_000L,
        31_536_000_000L,
        1_234_567
    };
    private static final double[] NUMBERS = {
        0,
        1,
        2.5,
        1e-9,
        123456789.125,
        1e21,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -1,
        -0.0,
        -3.75,
        0.1
    };

    private final Random r;

    AstGenerator(long seed) {
        this.r = new Random(seed);
    }

    Expr any(int depth) {
        return r.nextInt(4) == 0 ? scalar(depth) : vector(depth);
    }

    Expr scalar(int depth) {
        if (depth <= 0) {
            return number();
        }
        return switch (r.nextInt(7)) {
            case 0 -> number();
            case 1 -> new ParenExpr(scalar(depth - 1), NO);
            case 2 -> binary(scalar(depth - 1), scalar(depth - 1), true);
            case 3 -> new Call(r.nextBoolean() ? "time" : "pi", List.of(), NO);
            case 4 -> new Call("scalar", List.of(vector(depth - 1)), NO);
            case 5 -> unary(scalar(depth - 1));
            default -> new Call("max_of", List.of(scalar(depth - 1), scalar(depth - 1)), NO);
        };
    }

    Expr vector(int depth) {
        if (depth <= 0) {
            return selector();
        }
        return switch (r.nextInt(10)) {
            case 0 -> selector();
            case 1 ->
                    new Call(
                            pick("abs", "sort", "timestamp", "ln"), List.of(vector(depth - 1)), NO);
            case 2 ->
                    new Call(
                            pick("rate", "sum_over_time", "changes"),
                            List.of(range(depth - 1)),
                            NO);
            case 3 -> aggregate(depth);
            case 4 ->
                    binary(
                            vector(depth - 1),
                            r.nextBoolean() ? vector(depth - 1) : scalar(depth - 1),
                            false);
            case 5 -> new ParenExpr(vector(depth - 1), NO);
            case 6 -> unary(vector(depth - 1));
            case 7 -> new Call("vector", List.of(scalar(depth - 1)), NO);
            case 8 ->
                    new Call(
                            "label_replace",
                            List.of(
                                    vector(depth - 1),
                                    string(),
                                    string(),
                                    string(),
                                    new StringLiteral("(.*)", NO)),
                            NO);
            default -> hourOrRound(depth);
        };
    }

    private Expr hourOrRound(int depth) {
        List<Expr> args = new ArrayList<>();
        if (r.nextBoolean()) {
            args.add(vector(depth - 1));
        }
        if (!args.isEmpty() && r.nextBoolean()) {
            args.add(scalar(depth - 1));
            return new Call("round", args, NO);
        }
        return new Call(args.isEmpty() ? "hour" : pick("hour", "round"), args, NO);
    }

    Expr range(int depth) {
        if (depth <= 0 || r.nextBoolean()) {
            VectorSelector vs = modifiers(selector());
            return new MatrixSelector(vs, duration(), NO);
        }
        Expr inner = vector(depth - 1);
        if (!(inner instanceof VectorSelector
                || inner instanceof Call
                || inner instanceof AggregateExpr
                || inner instanceof ParenExpr)) {
            inner = new ParenExpr(inner, NO);
        }
        AtModifier at = r.nextInt(3) == 0 ? at() : null;
        long offset = r.nextInt(3) == 0 ? signedDuration() : 0;
        return new SubqueryExpr(
                inner, duration(), r.nextBoolean() ? duration() : 0, offset, at, NO);
    }

    private Expr aggregate(int depth) {
        AggregateOp op = pick(List.of(AggregateOp.values()));
        Expr param = null;
        if (op == AggregateOp.COUNT_VALUES) {
            param = string();
        } else if (op.hasParam()) {
            param = scalar(depth - 1);
        }
        List<String> grouping = r.nextBoolean() ? labels() : List.of();
        return new AggregateExpr(op, vector(depth - 1), param, grouping, r.nextInt(3) == 0, NO);
    }

    private Expr binary(Expr lhs, Expr rhs, boolean scalars) {
        BinaryOp op = pick(List.of(BinaryOp.values()));
        boolean vectors = !scalars && !isScalar(rhs);
        if (op.isSetOperator() && !vectors) {
            op = BinaryOp.ADD;
        }
        boolean bool = op.isComparison() && (scalars || r.nextBoolean());
        VectorMatching vm = null;
        if (vectors && r.nextBoolean()) {
            VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
            if (!op.isSetOperator() && r.nextBoolean()) {
                card =
                        r.nextBoolean()
                                ? VectorMatching.Cardinality.MANY_TO_ONE
                                : VectorMatching.Cardinality.ONE_TO_MANY;
            }
            boolean on = r.nextBoolean();
            List<String> include =
                    card == VectorMatching.Cardinality.ONE_TO_ONE ? List.of() : List.of("inc");
            vm = new VectorMatching(card, on, labels(), include);
        }
        return new BinaryExpr(op, wrapLeft(op, lhs), wrapRight(op, rhs), vm, bool, NO);
    }

    private static boolean isScalar(Expr e) {
        return io.weir.promql.analysis.Types.typeOf(e) == io.weir.promql.ast.ValueType.SCALAR;
    }

    private static Expr wrapLeft(BinaryOp op, Expr e) {
        boolean wrap =
                (e instanceof BinaryExpr b
                                && (b.op().precedence() < op.precedence()
                                        || (b.op().precedence() == op.precedence()
                                                && op.isRightAssociative())))
                        || (op == BinaryOp.POW && e instanceof UnaryExpr)
                        || (op == BinaryOp.POW
                                && e instanceof NumberLiteral n
                                && isNegative(n.value()));
        return wrap ? new ParenExpr(e, NO) : e;
    }

    private static Expr wrapRight(BinaryOp op, Expr e) {
        boolean wrap =
                e instanceof BinaryExpr b
                        && (b.op().precedence() < op.precedence()
                                || (b.op().precedence() == op.precedence()
                                        && !op.isRightAssociative()));
        return wrap ? new ParenExpr(e, NO) : e;
    }

    private Expr unary(Expr e) {
        boolean wrap =
                e instanceof NumberLiteral || (e instanceof BinaryExpr b && b.op() != BinaryOp.POW);
        return new UnaryExpr(r.nextBoolean(), wrap ? new ParenExpr(e, NO) : e, NO);
    }

    private static boolean isNegative(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    private NumberLiteral number() {
        double v =
                r.nextInt(4) == 0
                        ? r.nextDouble() * Math.pow(10, r.nextInt(40) - 20)
                        : NUMBERS[r.nextInt(NUMBERS.length)];
        return new NumberLiteral(v, NO);
    }

    private StringLiteral string() {
        return new StringLiteral(VALUES[r.nextInt(VALUES.length)] + pick("", "a", "ü"), NO);
    }

    private VectorSelector selector() {
        return modifiers(bareSelector());
    }

    private VectorSelector bareSelector() {
        List<LabelMatcher> ms = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String label = LABELS[r.nextInt(LABELS.length)];
            LabelMatcher.MatchOp op = pick(List.of(LabelMatcher.MatchOp.values()));
            String value =
                    op.isRegex()
                            ? REGEXES[r.nextInt(REGEXES.length)]
                            : VALUES[r.nextInt(VALUES.length)];
            ms.add(new LabelMatcher(label, op, value));
        }
        String name = NAMES[r.nextInt(NAMES.length)];
        if (r.nextInt(4) == 0) {
            ms.add(0, LabelMatcher.equal("job", "api"));
            return new VectorSelector(null, ms, 0, null, NO);
        }
        // As the parser builds them: a name before the braces ends the matchers, a bare quoted
        // name inside them leads.
        ms.add(
                PromqlPrinter.canPrecedeBraces(name) ? ms.size() : 0,
                LabelMatcher.equal("__name__", name));
        return new VectorSelector(name, ms, 0, null, NO);
    }

    private VectorSelector modifiers(VectorSelector vs) {
        if (r.nextInt(3) == 0) {
            vs = vs.withOffset(signedDuration());
        }
        if (r.nextInt(3) == 0) {
            vs = vs.withAt(at());
        }
        return vs;
    }

    private AtModifier at() {
        return switch (r.nextInt(3)) {
            case 0 -> new AtModifier.Start();
            case 1 -> new AtModifier.End();
            default -> new AtModifier.Timestamp(r.nextLong() % 10_000_000_000_000L);
        };
    }

    private long duration() {
        return DURATIONS[r.nextInt(DURATIONS.length)];
    }

    private long signedDuration() {
        return r.nextBoolean() ? duration() : -duration();
    }

    private List<String> labels() {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(LABELS[r.nextInt(LABELS.length)]);
        }
        return out;
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
