package io.weir.job.cluster;

import io.weir.promql.model.Labels;

/** One point of a view: the view, its output series and the step. */
record ResultKey(String view, Labels series, long stepMillis) {
    @Override
    public String toString() {
        return view + " " + series + " @" + stepMillis;
    }
}
