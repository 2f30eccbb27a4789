package io.weir.promql.parser;

import io.weir.promql.analysis.Functions;
import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.parser.PromqlGrammar.AggregateExprContext;
import io.weir.promql.parser.PromqlGrammar.AtExprContext;
import io.weir.promql.parser.PromqlGrammar.BinModifierContext;
import io.weir.promql.parser.PromqlGrammar.BinaryExprContext;
import io.weir.promql.parser.PromqlGrammar.CallExprContext;
import io.weir.promql.parser.PromqlGrammar.ExprContext;
import io.weir.promql.parser.PromqlGrammar.FunctionArgsContext;
import io.weir.promql.parser.PromqlGrammar.GroupingLabelContext;
import io.weir.promql.parser.PromqlGrammar.GroupingLabelsContext;
import io.weir.promql.parser.PromqlGrammar.MatrixExprContext;
import io.weir.promql.parser.PromqlGrammar.NumberExprContext;
import io.weir.promql.parser.PromqlGrammar.OffsetExprContext;
import io.weir.promql.parser.PromqlGrammar.ParenExprContext;
import io.weir.promql.parser.PromqlGrammar.SelectorExprContext;
import io.weir.promql.parser.PromqlGrammar.StringExprContext;
import io.weir.promql.parser.PromqlGrammar.SubqueryExprContext;
import io.weir.promql.parser.PromqlGrammar.UnaryExprContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a parse tree into AST records, folding and checking what Prometheus's parser folds and
 * checks while parsing (signed number literals, function names, argument counts of aggregations,
 * where range, offset and {@code @} may go). Errors are collected, not thrown.
 */
final class AstBuilder extends PromqlGrammarBaseVisitor<Expr> {
    private static final NumberLiteral PLACEHOLDER = new NumberLiteral(0, PositionRange.NONE);

    private final List<SyntaxError> errors;
    private final SelectorBuilder selectors;
    private final Modifiers modifiers;

    AstBuilder(List<SyntaxError> errors) {
        this.errors = errors;
        this.selectors = new SelectorBuilder(errors);
        this.modifiers = new Modifiers(errors);
    }

    List<SyntaxError> errors() {
        return errors;
    }

    static PositionRange range(ParserRuleContext ctx) {
        return new PositionRange(
                ctx.getStart().getStartIndex(),
                Math.max(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1));
    }

    static PositionRange range(Token t) {
        return new PositionRange(t.getStartIndex(), t.getStopIndex() + 1);
    }

    @Override
    public Expr visitNumberExpr(NumberExprContext ctx) {
        Token t = ctx.getStart();
        return new NumberLiteral(Durations.numberOrDurationSeconds(t, errors), range(t));
    }

    @Override
    public Expr visitStringExpr(StringExprContext ctx) {
        return new StringLiteral(Literals.unquote(ctx.STRING().getText()), range(ctx));
    }

    @Override
    public Expr visitSelectorExpr(SelectorExprContext ctx) {
        return selectors.vectorSelector(ctx.vectorSelector());
    }

    @Override
    public Expr visitParenExpr(ParenExprContext ctx) {
        return new ParenExpr(visit(ctx.expr()), range(ctx));
    }

    @Override
    public Expr visitUnaryExpr(UnaryExprContext ctx) {
        Expr inner = visit(ctx.expr());
        boolean negate = ctx.op.getType() == PromqlGrammar.SUB;
        PositionRange pos = range(ctx);
        if (inner instanceof NumberLiteral n) {
            // Prometheus folds a sign into a number literal: -1 is the literal -1.
            return new NumberLiteral(negate ? -n.value() : n.value(), pos);
        }
        return new UnaryExpr(negate, inner, pos);
    }

    @Override
    public Expr visitBinaryExpr(BinaryExprContext ctx) {
        Expr lhs = visit(ctx.expr(0));
        Expr rhs = visit(ctx.expr(1));
        BinModifierContext mod = ctx.binModifier();
        return new BinaryExpr(
                binaryOp(ctx.op.getType()),
                lhs,
                rhs,
                matching(mod),
                mod.BOOL() != null,
                range(ctx));
    }

    private VectorMatching matching(BinModifierContext mod) {
        if (mod.matching == null) {
            return null;
        }
        List<String> on = groupingLabels(mod.groupingLabels());
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (mod.group != null) {
            card =
                    mod.group.getType() == PromqlGrammar.GROUP_LEFT
                            ? VectorMatching.Cardinality.MANY_TO_ONE
                            : VectorMatching.Cardinality.ONE_TO_MANY;
            if (mod.includeLabels().groupingLabels() != null) {
                include = groupingLabels(mod.includeLabels().groupingLabels());
            }
        }
        return new VectorMatching(card, mod.matching.getType() == PromqlGrammar.ON, on, include);
    }

    private List<String> groupingLabels(GroupingLabelsContext ctx) {
        List<String> labels = new ArrayList<>();
        for (GroupingLabelContext l : ctx.groupingLabel()) {
            String name = l.STRING() != null ? Literals.unquote(l.STRING().getText()) : l.getText();
            if (name.isEmpty()) {
                errors.add(
                        SyntaxError.at(
                                range(l),
                                "invalid label name for grouping: " + Quoting.quote(name)));
            }
            labels.add(name);
        }
        return labels;
    }

    @Override
    public Expr visitCallExpr(CallExprContext ctx) {
        Token name = ctx.functionName().getStart();
        if (Functions.lookup(name.getText()) == null) {
            errors.add(
                    SyntaxError.at(
                            range(name),
                            "unknown function with name " + Quoting.quote(name.getText())));
        }
        return new Call(name.getText(), args(ctx.functionArgs()), range(ctx));
    }

    private List<Expr> args(FunctionArgsContext ctx) {
        if (ctx.trailingComma != null) {
            errors.add(
                    SyntaxError.at(
                            range(ctx.trailingComma),
                            "trailing commas not allowed in function call args"));
        }
        List<Expr> args = new ArrayList<>();
        for (ExprContext e : ctx.expr()) {
            args.add(visit(e));
        }
        return args;
    }

    @Override
    public Expr visitAggregateExpr(AggregateExprContext ctx) {
        AggregateOp op = AggregateOp.fromKeyword(ctx.aggregateOp().getText());
        List<Expr> args = args(ctx.functionArgs());
        List<String> grouping = List.of();
        boolean without = false;
        if (ctx.grouping() != null) {
            grouping = groupingLabels(ctx.grouping().groupingLabels());
            without = ctx.grouping().WITHOUT() != null;
        }
        PositionRange pos = range(ctx);
        if (args.isEmpty()) {
            errors.add(SyntaxError.at(pos, "no arguments for aggregate expression provided"));
            return PLACEHOLDER;
        }
        int wanted = op.hasParam() ? 2 : 1;
        if (args.size() != wanted) {
            errors.add(
                    SyntaxError.at(
                            pos,
                            "wrong number of arguments for aggregate expression provided, expected "
                                    + wanted
                                    + ", got "
                                    + args.size()));
            return PLACEHOLDER;
        }
        Expr param = op.hasParam() ? args.get(0) : null;
        return new AggregateExpr(op, args.get(wanted - 1), param, grouping, without, pos);
    }

    @Override
    public Expr visitMatrixExpr(MatrixExprContext ctx) {
        return modifiers.range(visit(ctx.expr()), ctx);
    }

    @Override
    public Expr visitSubqueryExpr(SubqueryExprContext ctx) {
        return modifiers.subquery(visit(ctx.expr()), ctx);
    }

    @Override
    public Expr visitOffsetExpr(OffsetExprContext ctx) {
        return modifiers.offset(visit(ctx.expr()), ctx);
    }

    @Override
    public Expr visitAtExpr(AtExprContext ctx) {
        return modifiers.at(visit(ctx.expr()), ctx);
    }

    static BinaryOp binaryOp(int tokenType) {
        return switch (tokenType) {
            case PromqlGrammar.ADD -> BinaryOp.ADD;
            case PromqlGrammar.SUB -> BinaryOp.SUB;
            case PromqlGrammar.MUL -> BinaryOp.MUL;
            case PromqlGrammar.DIV -> BinaryOp.DIV;
            case PromqlGrammar.MOD -> BinaryOp.MOD;
            case PromqlGrammar.POW -> BinaryOp.POW;
            case PromqlGrammar.ATAN2 -> BinaryOp.ATAN2;
            case PromqlGrammar.EQLC -> BinaryOp.EQL;
            case PromqlGrammar.NEQ -> BinaryOp.NEQ;
            case PromqlGrammar.LSS -> BinaryOp.LSS;
            case PromqlGrammar.LTE -> BinaryOp.LTE;
            case PromqlGrammar.GTR -> BinaryOp.GTR;
            case PromqlGrammar.GTE -> BinaryOp.GTE;
            case PromqlGrammar.LAND -> BinaryOp.AND;
            case PromqlGrammar.LOR -> BinaryOp.OR;
            case PromqlGrammar.LUNLESS -> BinaryOp.UNLESS;
            default -> throw new IllegalArgumentException("not a binary operator: " + tokenType);
        };
    }
}
