package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers per-step output samples into series by labels, as Prometheus's step-wise evaluation does:
 * in a range evaluation two samples with the same labels at one step are an error; in an instant
 * evaluation (one step) they are kept apart and judged when the query ends.
 */
final class StepCollector {
    private final int steps;
    private final Map<Labels, StepSeries> byLabels = new HashMap<>();
    private final List<StepSeries> order = new ArrayList<>();

    StepCollector(int steps) {
        this.steps = steps;
    }

    void add(Labels labels, boolean dropName, int step, double value) {
        if (steps == 1) {
            StepSeries s = StepSeries.empty(labels, dropName, 1);
            s.set(0, value);
            order.add(s);
            return;
        }
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            s = StepSeries.empty(labels, dropName, steps);
            byLabels.put(labels, s);
            order.add(s);
        } else if (s.present[step]) {
            throw QueryContext.error("vector cannot contain metrics with the same labelset");
        }
        s.set(step, value);
    }

    List<StepSeries> result() {
        return order;
    }
}
