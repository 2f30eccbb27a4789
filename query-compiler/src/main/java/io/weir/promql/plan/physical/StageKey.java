package io.weir.promql.plan.physical;

import java.util.List;

/** How records are keyed (partitioned) on the stage a node runs on. */
public sealed interface StageKey {
    /** The series' label hash (collisions kept apart by the full label set). */
    record BySeries() implements StageKey {}

    /**
     * The node id and the group's labels: {@code labels} with {@code by}, all labels but {@code
     * labels} (and the metric name) with {@code without}.
     */
    record ByGroup(List<String> labels, boolean without) implements StageKey {
        public ByGroup {
            labels = List.copyOf(labels);
        }
    }

    /** The view: all of a view's records of this node meet in one place. */
    record ByView() implements StageKey {}

    /**
     * The view and the labels a vector join matches on ({@code on}), or all labels but those it
     * ignores: matching samples of both sides meet in one place.
     */
    record ByViewAndLabels(List<String> labels, boolean on) implements StageKey {
        public ByViewAndLabels {
            labels = List.copyOf(labels);
        }
    }

    /** Inline scalars are not keyed. */
    record None() implements StageKey {}
}
