package io.weir.promql.parser;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.analysis.CheckError;
import io.weir.promql.analysis.Checker;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Entry point of the language: text to checked AST. */
public final class PromqlParser {
    private PromqlParser() {}

    /**
     * Parses and type-checks a query.
     *
     * @throws PromqlSyntaxException (code PARSE or TYPE) with {@code line:column} of the first
     *     error; all errors are in {@link PromqlSyntaxException#all()}
     */
    public static Expr parse(String query) {
        Expr expr = parseUnchecked(query);
        List<CheckError> errors = Checker.check(expr, query);
        if (!errors.isEmpty()) {
            List<PromqlException> all = new ArrayList<>();
            for (CheckError e : errors) {
                all.add(error(ErrorCode.TYPE, SyntaxError.at(e.pos(), e.message()), query));
            }
            throw new PromqlSyntaxException(all);
        }
        return expr;
    }

    /**
     * Parses a query without type-checking it (syntax and the rules Prometheus's grammar itself
     * enforces still apply).
     */
    public static Expr parseUnchecked(String query) {
        return run(
                query,
                PromqlGrammar::query,
                (tree, builder) -> {
                    PromqlGrammar.QueryContext q = (PromqlGrammar.QueryContext) tree;
                    return q.expr() == null ? null : builder.visit(q.expr());
                },
                true);
    }

    /**
     * Parses a series selector such as {@code up{job="api"}} or {@code {"my.metric"}} into its
     * matchers (the name becomes a {@code __name__} equality matcher), as the API's {@code match[]}
     * parameter and the test scripts use it.
     */
    public static List<LabelMatcher> parseMetricSelector(String selector) {
        VectorSelector vs =
                run(
                        selector,
                        PromqlGrammar::seriesSelector,
                        (tree, builder) ->
                                new SelectorBuilder(builder.errors())
                                        .vectorSelector(
                                                ((PromqlGrammar.SeriesSelectorContext) tree)
                                                        .vectorSelector()),
                        false);
        return vs.matchers();
    }

    /** Builds a result from a parse tree, recording errors in the builder. */
    private interface TreeConverter<T> {
        T convert(ParserRuleContext tree, AstBuilder builder);
    }

    /** Deeper bracket nesting than this is refused before parsing. */
    static final int MAX_NESTING = 256;

    /** Deeper ASTs than this are refused, so that no later stage overflows its stack. */
    static final int MAX_DEPTH = 512;

    private static <T> T run(
            String query,
            Function<PromqlGrammar, ParserRuleContext> rule,
            TreeConverter<T> convert,
            boolean expression) {
        PromqlLexer lexer = PromqlLexer.lex(query);
        checkNesting(lexer.tokens(), query);
        return parseAndConvert(query, lexer, rule, convert, expression);
    }

    private static <T> T parseAndConvert(
            String query,
            PromqlLexer lexer,
            Function<PromqlGrammar, ParserRuleContext> rule,
            TreeConverter<T> convert,
            boolean expression) {
        try {
            List<Token> tokens = lexer.tokens();
            List<SyntaxError> syntax = new ArrayList<>();
            ParserRuleContext tree = parseTree(tokens, rule, syntax);
            if (lexer.error() != null) {
                syntax.removeIf(e -> e.start() >= lexer.error().start());
                syntax.add(lexer.error());
            }
            if (expression && syntax.isEmpty() && tokens.size() == 1) {
                syntax.add(new SyntaxError(0, 0, "no expression found in input"));
            }
            throwIfAny(syntax, query);
            List<SyntaxError> semantic = new ArrayList<>();
            T result = convert.convert(tree, new AstBuilder(semantic));
            throwIfAny(semantic, query);
            if (result instanceof Expr e && AstDepth.exceeds(e, MAX_DEPTH)) {
                throw tooDeep(0, query);
            }
            return result;
        } catch (StackOverflowError e) {
            throw tooDeep(0, query);
        }
    }

    /** Refuses absurd nesting up front, so that it is an error and not a stack overflow. */
    private static void checkNesting(List<Token> tokens, String query) {
        int depth = 0;
        int signs = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case PromqlGrammar.LEFT_PAREN,
                        PromqlGrammar.LEFT_BRACKET,
                        PromqlGrammar.LEFT_BRACE ->
                        depth++;
                case PromqlGrammar.RIGHT_PAREN,
                        PromqlGrammar.RIGHT_BRACKET,
                        PromqlGrammar.RIGHT_BRACE ->
                        depth--;
                default -> {
                    // other tokens do not nest
                }
            }
            boolean sign = t.getType() == PromqlGrammar.ADD || t.getType() == PromqlGrammar.SUB;
            signs = sign ? signs + 1 : 0;
            if (depth > MAX_NESTING || signs > MAX_NESTING) {
                throw tooDeep(t.getStartIndex(), query);
            }
        }
    }

    /** SLL first (fast, enough for nearly every query), LL with error recovery on failure. */
    private static ParserRuleContext parseTree(
            List<Token> tokens,
            Function<PromqlGrammar, ParserRuleContext> rule,
            List<SyntaxError> errors) {
        PromqlGrammar parser =
                new PromqlGrammar(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException e) {
            parser = new PromqlGrammar(new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            CollectingErrorStrategy strategy = new CollectingErrorStrategy(tokens);
            parser.setErrorHandler(strategy);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            ParserRuleContext tree = rule.apply(parser);
            errors.addAll(strategy.errors());
            return tree;
        }
    }

    private static PromqlSyntaxException tooDeep(int offset, String query) {
        return new PromqlSyntaxException(
                List.of(
                        error(
                                ErrorCode.PARSE,
                                new SyntaxError(offset, offset, "expression nested too deeply"),
                                query)));
    }

    private static void throwIfAny(List<SyntaxError> errors, String query) {
        if (errors.isEmpty()) {
            return;
        }
        List<PromqlException> all = new ArrayList<>();
        for (SyntaxError e : errors) {
            all.add(error(ErrorCode.PARSE, e, query));
        }
        throw new PromqlSyntaxException(all);
    }

    private static PromqlException error(ErrorCode code, SyntaxError e, String query) {
        return new PromqlException(code, e.pos(), query, "parse error: " + e.message());
    }
}
