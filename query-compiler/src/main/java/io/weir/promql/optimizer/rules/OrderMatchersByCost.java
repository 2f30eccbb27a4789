package io.weir.promql.optimizer.rules;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.optimizer.MatcherCosts;
import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders the matchers of a scan so that the series stage tests cheap, selective ones first and
 * stops at the first that fails: ascending {@link MatcherCosts#rank} (cost per rejected series),
 * ties broken by name, operator and value. Equality on the metric name comes first, regexes last.
 *
 * <pre>
 * before: SeriesScan {path=~"/api/.*", code!="200", __name__="http_requests_total"}
 * after:  SeriesScan {__name__="http_requests_total", code!="200", path=~"/api/.*"}
 * </pre>
 */
public final class OrderMatchersByCost implements Rule {
    /**
     * By rank, then by name, operator and value, so that the same matchers written in any order end
     * in one order, and the scans of different views compare equal.
     */
    private static final Comparator<LabelMatcher> ORDER =
            Comparator.comparingDouble(MatcherCosts::rank)
                    .thenComparing(LabelMatcher::name)
                    .thenComparing(LabelMatcher::op)
                    .thenComparing(LabelMatcher::value);

    @Override
    public Optional<LogicalNode> apply(LogicalNode node) {
        if (!(node instanceof SeriesScan scan)) {
            return Optional.empty();
        }
        List<LabelMatcher> sorted = new ArrayList<>(scan.matchers());
        sorted.sort(ORDER);
        return sorted.equals(scan.matchers())
                ? Optional.empty()
                : Optional.of(new SeriesScan(sorted));
    }
}
