package io.weir.promql.optimizer.rules;

import com.google.re2j.Pattern;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.LabelMatcher.MatchOp;
import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the matchers of a scan that test the same label. Where a label must equal a value, the
 * other matchers of that label are either implied by it (and dropped) or contradict it (and the
 * scan can select nothing); {@code !~".*"} also selects nothing. A missing label counts as the
 * empty value, as in Prometheus.
 *
 * <pre>
 * before: SeriesScan {__name__="up", job="api", job!="web", job=~"a.*"}
 * after:  SeriesScan {__name__="up", job="api"}
 *
 * before: SeriesScan {__name__="up", job="api", job="web"}
 * after:  EmptyScan
 * </pre>
 */
public final class MergeMatchers implements Rule {
    @Override
    public Optional<LogicalNode> apply(LogicalNode node) {
        if (!(node instanceof SeriesScan scan)) {
            return Optional.empty();
        }
        Map<String, String> equal = new HashMap<>();
        for (LabelMatcher m : scan.matchers()) {
            if (m.op() == MatchOp.NOT_REGEX && m.value().equals(".*")) {
                return Optional.of(new EmptyScan());
            }
            if (m.op() == MatchOp.EQUAL) {
                String prev = equal.putIfAbsent(m.name(), m.value());
                if (prev != null && !prev.equals(m.value())) {
                    return Optional.of(new EmptyScan());
                }
            }
        }
        List<LabelMatcher> kept = new ArrayList<>();
        for (LabelMatcher m : scan.matchers()) {
            String v = equal.get(m.name());
            if (v == null || m.op() == MatchOp.EQUAL) {
                kept.add(m);
            } else if (!satisfies(v, m)) {
                return Optional.of(new EmptyScan());
            }
        }
        return kept.size() == scan.matchers().size()
                ? Optional.empty()
                : Optional.of(new SeriesScan(kept));
    }

    /** Whether the value {@code v} passes matcher {@code m} (on the same label). */
    static boolean satisfies(String v, LabelMatcher m) {
        return switch (m.op()) {
            case EQUAL -> v.equals(m.value());
            case NOT_EQUAL -> !v.equals(m.value());
            case REGEX -> regex(m.value()).matcher(v).matches();
            case NOT_REGEX -> !regex(m.value()).matcher(v).matches();
        };
    }

    private static Pattern regex(String re) {
        return Pattern.compile("^(?s:" + re + ")$");
    }
}
