package io.weir.promql.analysis;

import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labels that {@code absent} and {@code absent_over_time} give their one output sample, as
 * Prometheus derives them from the argument: the equality matchers of a selector argument, except
 * the metric name and any label matched more than once or other than by equality. One definition
 * for the evaluator and the view compiler, so their outputs cannot differ.
 */
public final class AbsentLabels {
    private AbsentLabels() {}

    public static Labels of(Expr arg) {
        List<LabelMatcher> matchers;
        if (arg instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (arg instanceof MatrixSelector ms) {
            matchers = ms.selector().matchers();
        } else {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        Set<String> seen = new HashSet<>();
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.op() == LabelMatcher.MatchOp.EQUAL && seen.add(m.name())) {
                b.set(m.name(), m.value());
            } else {
                b.remove(m.name());
            }
        }
        return b.build();
    }
}
