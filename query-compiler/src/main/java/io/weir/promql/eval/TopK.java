package io.weir.promql.eval;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * topk, bottomk, limitk and limit_ratio: per step and group, a selection of input samples. The
 * selection reproduces Prometheus's binary heap step by step, because the order of an instant
 * query's result (and which of equal values win) follows from it.
 */
final class TopK {
    private TopK() {}

    /** math.MaxInt64 as a float64: 2^63, the double the integer rounds to. */
    private static final double MAX_INT64 = 0x1p63;

    static Val eval(Evaluator ev, AggregateExpr e, Steps steps) {
        int n = steps.count();
        AggregateOp op = e.op();
        double[] param = ev.scalars(e.param(), steps);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean anyNaN = false;
        for (double p : param) {
            anyNaN |= Double.isNaN(p);
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        if (op == AggregateOp.LIMIT_RATIO) {
            if (max == 0 && min == 0) {
                return empty();
            }
            if (anyNaN) {
                throw QueryContext.error("Ratio value is NaN");
            }
            if (max > 1.0) {
                ev.ctx.annotations.warn(
                        "ratio value should be between -1 and 1, got "
                                + GoFloatFormat.formatG(max)
                                + ", capping to 1",
                        Evaluator.unwrap(e.param()).pos());
            }
            if (min < -1.0) {
                ev.ctx.annotations.warn(
                        "ratio value should be between -1 and 1, got "
                                + GoFloatFormat.formatG(min)
                                + ", capping to -1",
                        Evaluator.unwrap(e.param()).pos());
            }
        } else {
            if (max < 1) {
                return empty();
            }
            if (anyNaN) {
                throw QueryContext.error("Parameter value is NaN");
            }
            if (min <= -MAX_INT64) {
                throw QueryContext.error(
                        "Scalar value " + GoFloatFormat.formatG(min) + " underflows int64");
            }
            if (max >= MAX_INT64) {
                throw QueryContext.error(
                        "Scalar value " + GoFloatFormat.formatG(max) + " overflows int64");
            }
        }
        List<StepSeries> in = ev.ctx.parallel.materialize(ev.vectors(e.expr(), steps));
        Aggregations.Grouping grouping = new Aggregations.Grouping(e.grouping(), e.without());
        Map<Labels, Integer> groupIndex = new LinkedHashMap<>();
        int[] groupOf = new int[in.size()];
        for (int i = 0; i < in.size(); i++) {
            groupOf[i] =
                    groupIndex.computeIfAbsent(
                            grouping.of(in.get(i).labels), k -> groupIndex.size());
        }
        int groups = groupIndex.size();
        double[] offsets = op == AggregateOp.LIMIT_RATIO ? ratioOffsets(in) : null;

        // For an instant query the result keeps the heap order; for a range query, one output
        // series per selected input series.
        List<StepSeries> ordered = new ArrayList<>();
        StepSeries[] perInput = new StepSeries[in.size()];
        for (int step = 0; step < n; step++) {
            Heap[] heaps = new Heap[groups];
            long k = 0;
            double r = 0;
            if (op == AggregateOp.LIMIT_RATIO) {
                r = Math.max(-1.0, Math.min(1.0, param[step]));
                if (param[step] == 0) {
                    continue;
                }
            } else {
                k = Math.min((long) param[step], in.size());
                if (k < 1) {
                    continue;
                }
            }
            for (int i = 0; i < in.size(); i++) {
                StepSeries s = in.get(i);
                if (!s.present[step]) {
                    continue;
                }
                int g = groupOf[i];
                if (heaps[g] == null) {
                    heaps[g] = new Heap(op == AggregateOp.BOTTOMK, in, step);
                }
                Heap h = heaps[g];
                switch (op) {
                    case TOPK, BOTTOMK -> {
                        if (h.size < k) {
                            h.push(i);
                        } else if (h.better(i, h.items[0])) {
                            h.items[0] = i;
                            if (k > 1) {
                                h.fix(0);
                            }
                        }
                    }
                    case LIMITK -> {
                        if (h.size < k) {
                            h.push(i);
                        }
                    }
                    case LIMIT_RATIO -> {
                        if (ratioAccepts(r, offsets[i])) {
                            h.push(i);
                        }
                    }
                    case SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, QUANTILE, COUNT_VALUES ->
                            throw new IllegalStateException("not a k-selecting aggregation: " + op);
                }
            }
            for (Heap h : heaps) {
                if (h == null) {
                    continue;
                }
                if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
                    h.sortBestFirst();
                }
                for (int j = 0; j < h.size; j++) {
                    int i = h.items[j];
                    StepSeries src = in.get(i);
                    if (n == 1) {
                        StepSeries o = StepSeries.empty(src.labels, src.dropName, n);
                        o.set(step, src.values[step]);
                        ordered.add(o);
                    } else {
                        if (perInput[i] == null) {
                            perInput[i] = StepSeries.empty(src.labels, src.dropName, n);
                        }
                        perInput[i].set(step, src.values[step]);
                    }
                }
            }
        }
        if (n != 1) {
            for (StepSeries s : perInput) {
                if (s != null) {
                    ordered.add(s);
                }
            }
        }
        return new Val.Vectors(SeriesSet.of(ordered));
    }

    private static Val empty() {
        return new Val.Vectors(SeriesSet.of(List.of()));
    }

    /** limit_ratio keeps a series when its hash offset falls inside the ratio. */
    private static boolean ratioAccepts(double ratio, double offset) {
        return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1.0 + ratio);
    }

    private static double[] ratioOffsets(List<StepSeries> in) {
        double[] out = new double[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = XxHash64.labelsOffset(in.get(i).labels);
        }
        return out;
    }

    /**
     * Go's container/heap over input indices, ordered by value at one step: a min-heap for topk
     * (the smallest kept value on top, to be replaced), a max-heap for bottomk. NaN is always
     * "less", as in Prometheus's heaps.
     */
    private static final class Heap {
        final boolean reverse;
        final List<StepSeries> in;
        final int step;
        int[] items = new int[4];
        int size;

        Heap(boolean reverse, List<StepSeries> in, int step) {
            this.reverse = reverse;
            this.in = in;
            this.step = step;
        }

        double v(int idx) {
            return in.get(items[idx]).values[step];
        }

        boolean less(int i, int j) {
            double vi = v(i);
            double vj = v(j);
            if (Double.isNaN(vi)) {
                return true;
            }
            return reverse ? vi > vj : vi < vj;
        }

        /** Whether input {@code cand} should replace the top element {@code top}. */
        boolean better(int cand, int top) {
            double c = in.get(cand).values[step];
            double t = in.get(top).values[step];
            boolean wins = reverse ? t > c : t < c;
            return wins || (Double.isNaN(t) && !Double.isNaN(c));
        }

        void swap(int i, int j) {
            int t = items[i];
            items[i] = items[j];
            items[j] = t;
        }

        void push(int input) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = input;
            up(size - 1);
        }

        void up(int j) {
            while (true) {
                int i = (j - 1) / 2;
                if (i == j || !less(j, i)) {
                    break;
                }
                swap(i, j);
                j = i;
            }
        }

        boolean down(int i0, int n) {
            int i = i0;
            while (true) {
                int j1 = 2 * i + 1;
                if (j1 >= n || j1 < 0) {
                    break;
                }
                int j = j1;
                int j2 = j1 + 1;
                if (j2 < n && less(j2, j1)) {
                    j = j2;
                }
                if (!less(j, i)) {
                    break;
                }
                swap(i, j);
                i = j;
            }
            return i > i0;
        }

        void fix(int i) {
            if (!down(i, size)) {
                up(i);
            }
        }

        /** Reverses the heap order (insertion sort, as Go does for small inputs). */
        void sortBestFirst() {
            for (int i = 1; i < size; i++) {
                for (int j = i; j > 0 && less(j - 1, j); j--) {
                    swap(j, j - 1);
                }
            }
        }
    }
}
