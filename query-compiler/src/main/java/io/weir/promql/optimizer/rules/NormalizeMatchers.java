package io.weir.promql.optimizer.rules;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.LabelMatcher.MatchOp;
import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Puts each matcher of a scan in its simplest form: a regex that matches one literal string becomes
 * an equality, {@code =~".*"} (which every value, even a missing label, satisfies) goes away, and
 * repeated matchers are kept once.
 *
 * <pre>
 * before: SeriesScan {__name__="up", job=~"api", job=~"api", env=~".*", dc!~"eu\.1"}
 * after:  SeriesScan {__name__="up", job="api", dc!="eu.1"}
 * </pre>
 */
public final class NormalizeMatchers implements Rule {
    @Override
    public Optional<LogicalNode> apply(LogicalNode node) {
        if (!(node instanceof SeriesScan scan)) {
            return Optional.empty();
        }
        LinkedHashSet<LabelMatcher> out = new LinkedHashSet<>();
        for (LabelMatcher m : scan.matchers()) {
            if (m.op() == MatchOp.REGEX && m.value().equals(".*")) {
                continue;
            }
            out.add(simplify(m));
        }
        if (out.isEmpty()) {
            // Only `=~".*"` matchers: the checker rejects such a selector; keep it as written.
            return Optional.empty();
        }
        List<LabelMatcher> list = new ArrayList<>(out);
        return list.equals(scan.matchers()) ? Optional.empty() : Optional.of(new SeriesScan(list));
    }

    private static LabelMatcher simplify(LabelMatcher m) {
        if (!m.op().isRegex()) {
            return m;
        }
        String lit = LiteralRegex.literal(m.value());
        if (lit == null) {
            return m;
        }
        MatchOp op = m.op() == MatchOp.REGEX ? MatchOp.EQUAL : MatchOp.NOT_EQUAL;
        return new LabelMatcher(m.name(), op, lit);
    }
}
