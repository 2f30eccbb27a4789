package io.weir.promql.eval;

import io.weir.promql.ast.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc. They order an instant query's result; a range
 * query's result is always sorted by labels, so there they change nothing.
 */
final class SortFunctions {
    private SortFunctions() {}

    static Val sort(Evaluator ev, String name, List<Expr> args, Steps steps) {
        SeriesSet in = ev.vectors(args.get(0), steps);
        if (steps.count() != 1) {
            return new Val.Vectors(in);
        }
        List<StepSeries> list = new ArrayList<>(ev.ctx.parallel.materialize(in));
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            labels.add(InstantFunctions.stringArg(args.get(i)));
        }
        // sort is ascending and sort_desc descending, NaN last in both.
        Comparator<StepSeries> cmp =
                switch (name) {
                    case "sort" -> (a, b) -> compareNanLast(a.values[0], b.values[0], false);
                    case "sort_desc" -> (a, b) -> compareNanLast(a.values[0], b.values[0], true);
                    case "sort_by_label" -> (a, b) -> byLabels(a, b, labels);
                    default -> (a, b) -> -byLabels(a, b, labels);
                };
        list.sort(cmp);
        return new Val.Vectors(SeriesSet.of(list));
    }

    private static int compareNanLast(double a, double b, boolean desc) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return Boolean.compare(an, bn);
        }
        return desc ? Double.compare(b, a) : Double.compare(a, b);
    }

    private static int byLabels(StepSeries a, StepSeries b, List<String> names) {
        for (String n : names) {
            String x = a.labels.get(n);
            String y = b.labels.get(n);
            if (x.equals(y)) {
                continue;
            }
            return NaturalOrder.less(x, y) ? -1 : 1;
        }
        return a.labels.compareTo(b.labels);
    }
}
