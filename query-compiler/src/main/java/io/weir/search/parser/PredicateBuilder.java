package io.weir.search.parser;

import com.google.re2j.PatternSyntaxException;
import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.eval.LabelMatchers;
import io.weir.search.ast.And;
import io.weir.search.ast.Comparison;
import io.weir.search.ast.Durations;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.LabelMatch;
import io.weir.search.ast.LabelPresent;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.index.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Parse tree to AST, with the checks the grammar cannot make. */
final class PredicateBuilder extends SearchGrammarBaseVisitor<Predicate> {
    private final String text;
    private int depth;

    PredicateBuilder(String text) {
        this.text = text;
    }

    @Override
    public Predicate visitOrExpr(SearchGrammarParser.OrExprContext ctx) {
        List<Predicate> ops = new ArrayList<>();
        for (SearchGrammarParser.AndExprContext a : ctx.andExpr()) {
            ops.add(nested(a));
        }
        return ops.size() == 1 ? ops.get(0) : new Or(ops, pos(ctx));
    }

    @Override
    public Predicate visitAndExpr(SearchGrammarParser.AndExprContext ctx) {
        List<Predicate> ops = new ArrayList<>();
        for (SearchGrammarParser.NotExprContext n : ctx.notExpr()) {
            ops.add(nested(n));
        }
        return ops.size() == 1 ? ops.get(0) : new And(ops, pos(ctx));
    }

    @Override
    public Predicate visitNot(SearchGrammarParser.NotContext ctx) {
        return new Not(nested(ctx.notExpr()), pos(ctx));
    }

    @Override
    public Predicate visitPlain(SearchGrammarParser.PlainContext ctx) {
        return visit(ctx.primary());
    }

    @Override
    public Predicate visitParen(SearchGrammarParser.ParenContext ctx) {
        return nested(ctx.orExpr());
    }

    private Predicate nested(ParserRuleContext ctx) {
        if (++depth > SearchParser.MAX_DEPTH) {
            throw error(ctx.getStart(), "search expression is nested too deeply");
        }
        try {
            return visit(ctx);
        } finally {
            depth--;
        }
    }

    @Override
    public Predicate visitKeyword(SearchGrammarParser.KeywordContext ctx) {
        String s = string(ctx.STRING().getSymbol());
        if (Tokenizer.tokens(s).isEmpty()) {
            throw error(ctx.STRING().getSymbol(), "kw() needs a letter or digit to search for");
        }
        return new Keyword(s, pos(ctx));
    }

    @Override
    public Predicate visitLabel(SearchGrammarParser.LabelContext ctx) {
        String name = string(ctx.STRING(0).getSymbol());
        if (name.isEmpty()) {
            throw error(ctx.STRING(0).getSymbol(), "label() needs a label name");
        }
        if (ctx.op == null) {
            return new LabelPresent(name, pos(ctx));
        }
        String value = string(ctx.value);
        boolean regex = ctx.op.getType() == SearchGrammarLexer.RE;
        if (regex) {
            try {
                LabelMatchers.compile(value);
            } catch (PatternSyntaxException e) {
                throw error(ctx.value, "invalid regular expression: " + e.getMessage());
            } catch (PromqlException e) {
                throw error(ctx.value, e.detail());
            }
        }
        return new LabelMatch(name, regex, value, pos(ctx));
    }

    @Override
    public Predicate visitPercentile(SearchGrammarParser.PercentileContext ctx) {
        double q = number(ctx.q);
        if (!(q >= 0 && q <= 1)) {
            throw error(
                    ctx.q.getStart(), "quantile must be between 0 and 1, got " + ctx.q.getText());
        }
        Token dur = ctx.DURATION().getSymbol();
        long range;
        try {
            range = Durations.parse(dur.getText());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(dur, "invalid duration \"" + dur.getText() + "\"");
        }
        if (range <= 0) {
            throw error(dur, "range must be positive, got \"" + dur.getText() + "\"");
        }
        Comparison op = Comparison.ofSymbol(ctx.cmp().getText());
        return new Percentile(q, range, op, number(ctx.number(1)), pos(ctx));
    }

    private static double number(SearchGrammarParser.NumberContext ctx) {
        String t = ctx.NUMBER().getText().toLowerCase(java.util.Locale.ROOT);
        double v =
                switch (t) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(t);
                };
        return ctx.MINUS() != null ? -v : v;
    }

    /** The value of a quoted string: backslash escapes {@code \\ \' \" \n \r \t}. */
    private String string(Token t) {
        String raw = t.getText();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                default -> throw error(t, "unknown escape sequence '\\" + e + "'");
            }
        }
        return sb.toString();
    }

    /** The characters a rule matched, {@code [start, end)}. */
    private static PositionRange pos(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        return new PositionRange(start, Math.max(start, ctx.getStop().getStopIndex() + 1));
    }

    private PromqlException error(Token t, String detail) {
        int at = t.getStartIndex();
        return new PromqlException(
                ErrorCode.PARSE,
                new PositionRange(at, Math.max(at, t.getStopIndex() + 1)),
                text,
                detail);
    }
}
