package io.weir.promql.parser;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.parser.PromqlGrammar.LabelMatchContext;
import io.weir.promql.parser.PromqlGrammar.LabelMatcherContext;
import io.weir.promql.parser.PromqlGrammar.LabelMatchersContext;
import io.weir.promql.parser.PromqlGrammar.NameMatchContext;
import io.weir.promql.parser.PromqlGrammar.VectorSelectorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds vector selectors: label matchers in the order written, then the {@code __name__} matcher
 * for a name written before the braces (as Prometheus appends it). Regular expressions are compiled
 * with RE2, anchored as Prometheus anchors them, to report bad ones at parse time.
 */
final class SelectorBuilder {
    static final String METRIC_NAME = "__name__";

    private final List<SyntaxError> errors;

    SelectorBuilder(List<SyntaxError> errors) {
        this.errors = errors;
    }

    VectorSelector vectorSelector(VectorSelectorContext ctx) {
        List<LabelMatcher> matchers = new ArrayList<>();
        String metricName = null;
        LabelMatchersContext braces = ctx.labelMatchers();
        if (braces != null) {
            for (LabelMatcherContext m : braces.labelMatcher()) {
                LabelMatcher matcher = matcher(m);
                if (m instanceof NameMatchContext && matchers.isEmpty()) {
                    // A bare name leading the braces is the selector's name ({"my.metric"}).
                    metricName = matcher.value();
                }
                matchers.add(matcher);
            }
        }
        if (ctx.metricName() != null) {
            metricName = ctx.metricName().getText();
            matchers.add(LabelMatcher.equal(METRIC_NAME, metricName));
        }
        return new VectorSelector(metricName, matchers, 0, null, AstBuilder.range(ctx));
    }

    private LabelMatcher matcher(LabelMatcherContext ctx) {
        if (ctx instanceof NameMatchContext n) {
            return LabelMatcher.equal(METRIC_NAME, Literals.unquote(n.STRING().getText()));
        }
        LabelMatchContext m = (LabelMatchContext) ctx;
        String name =
                m.IDENTIFIER() != null
                        ? m.IDENTIFIER().getText()
                        : Literals.unquote(m.STRING(0).getText());
        String value = Literals.unquote(m.STRING(m.IDENTIFIER() != null ? 0 : 1).getText());
        LabelMatcher.MatchOp op =
                switch (m.matchOp().getStart().getType()) {
                    case PromqlGrammar.EQL -> LabelMatcher.MatchOp.EQUAL;
                    case PromqlGrammar.NEQ -> LabelMatcher.MatchOp.NOT_EQUAL;
                    case PromqlGrammar.EQL_REGEX -> LabelMatcher.MatchOp.REGEX;
                    default -> LabelMatcher.MatchOp.NOT_REGEX;
                };
        if (op.isRegex()) {
            String err = regexError(value);
            if (err != null) {
                errors.add(SyntaxError.at(AstBuilder.range(ctx), err));
            }
        }
        return new LabelMatcher(name, op, value);
    }

    /** Prometheus's message for a regex that does not compile, or null. */
    static String regexError(String regex) {
        String anchored = "^(?s:" + regex + ")$";
        try {
            Pattern.compile(anchored);
            return null;
        } catch (PatternSyntaxException e) {
            if (e.getDescription().contains("internal error")) {
                // RE2/J trips over an unbalanced ')' where Go reports it plainly.
                return "error parsing regexp: unexpected ): `" + anchored + "`";
            }
            return e.getMessage();
        }
    }
}
