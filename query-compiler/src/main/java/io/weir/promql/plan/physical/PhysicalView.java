package io.weir.promql.plan.physical;

import io.weir.promql.plan.logical.NodeId;
import java.util.List;

/**
 * A registered view in the physical plan.
 *
 * @param root the node whose output is the view's result
 * @param lookaheadMillis how far past a step's time the view reads data (a negative offset): a step
 *     {@code t} can become final only once the watermark passes {@code t + lookahead + lateness}
 * @param rulesFired the optimizer rules that fired on this view's plan, in order
 */
public record PhysicalView(
        String name,
        String query,
        long stepMillis,
        NodeId root,
        long lookaheadMillis,
        List<String> rulesFired) {
    public PhysicalView {
        rulesFired = List.copyOf(rulesFired);
    }
}
