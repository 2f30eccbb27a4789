package io.weir.promql.eval;

import io.weir.promql.model.Labels;

/**
 * One series of an instant-vector expression over all steps of an evaluation: a value and a
 * presence flag per step. {@code dropName} records that {@code __name__} is to be removed when the
 * query finishes (Prometheus 3 removes names late, so that label functions can still read them).
 */
final class StepSeries {
    final Labels labels;
    final boolean dropName;
    final double[] values;
    final boolean[] present;

    StepSeries(Labels labels, boolean dropName, double[] values, boolean[] present) {
        this.labels = labels;
        this.dropName = dropName;
        this.values = values;
        this.present = present;
    }

    static StepSeries empty(Labels labels, boolean dropName, int steps) {
        return new StepSeries(labels, dropName, new double[steps], new boolean[steps]);
    }

    StepSeries withLabels(Labels l, boolean drop) {
        return new StepSeries(l, drop, values, present);
    }

    int count() {
        int n = 0;
        for (boolean p : present) {
            if (p) {
                n++;
            }
        }
        return n;
    }

    boolean isEmpty() {
        for (boolean p : present) {
            if (p) {
                return false;
            }
        }
        return true;
    }

    void set(int step, double v) {
        values[step] = v;
        present[step] = true;
    }
}
