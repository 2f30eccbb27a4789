package io.weir.promql.eval;

import io.weir.promql.ast.Expr;
import io.weir.promql.eval.kernel.HistogramQuantiles;
import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile and histogram_fraction over classic histograms: bucket series are grouped by
 * their labels without {@code le}; each group is one histogram per step.
 */
final class HistogramFunctions {
    private HistogramFunctions() {}

    /** The computation of one group at one step, given its buckets sorted by upper bound. */
    private interface GroupFunction {
        double apply(Labels group, int step, double[] upper, double[] counts, int n);
    }

    static Val quantile(Evaluator ev, List<Expr> args, Steps steps) {
        double[] q = ev.scalars(args.get(0), steps);
        SeriesSet in = ev.vectors(args.get(1), steps);
        for (double v : q) {
            ev.ctx.annotations.checkQuantile(v, args.get(0).pos());
        }
        return perGroup(
                ev,
                args.get(1),
                in,
                steps,
                (group, step, upper, counts, n) ->
                        quantileNoting(
                                ev,
                                args.get(1),
                                group,
                                steps.time(step),
                                q[step],
                                upper,
                                counts,
                                n));
    }

    /**
     * histogram_quantiles(v, "label", q0, q1, ...): one output series per group and quantile,
     * labelled with the quantile in OpenMetrics float notation.
     */
    static Val quantiles(Evaluator ev, List<Expr> args, Steps steps) {
        SeriesSet in = ev.vectors(args.get(0), steps);
        String label = InstantFunctions.stringArg(args.get(1));
        List<StepSeries> series = ev.ctx.parallel.materialize(in);
        List<StepSeries> out = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            double[] q = ev.scalars(args.get(i), steps);
            for (double v : q) {
                ev.ctx.annotations.checkQuantile(v, args.get(i).pos());
            }
            SeriesSet groups =
                    ((Val.Vectors)
                                    perGroup(
                                            ev,
                                            args.get(0),
                                            SeriesSet.of(series),
                                            steps,
                                            (group, step, upper, counts, n) ->
                                                    quantileNoting(
                                                            ev,
                                                            args.get(0),
                                                            group,
                                                            steps.time(step),
                                                            q[step],
                                                            upper,
                                                            counts,
                                                            n)))
                            .series();
            for (int k = 0; k < groups.size(); k++) {
                StepSeries g = groups.get(k);
                // The quantile label follows the quantile of each step.
                Map<String, StepSeries> byText = new LinkedHashMap<>();
                for (int step = 0; step < g.present.length; step++) {
                    if (!g.present[step]) {
                        continue;
                    }
                    String text = openMetricsFloat(q[step]);
                    StepSeries o =
                            byText.computeIfAbsent(
                                    text,
                                    t ->
                                            StepSeries.empty(
                                                    g.labels.toBuilder().set(label, t).build(),
                                                    true,
                                                    g.present.length));
                    o.set(step, g.values[step]);
                }
                out.addAll(byText.values());
            }
        }
        return new Val.Vectors(SeriesSet.of(out));
    }

    /** Prometheus's OpenMetrics float text: Go's shortest form, with ".0" on integers. */
    static String openMetricsFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = GoFloatFormat.formatG(v);
        return s.contains(".") || s.contains("e") ? s : s + ".0";
    }

    /** The quantile of one histogram at one step, noting a forced monotonicity fix. */
    private static double quantileNoting(
            Evaluator ev,
            Expr arg,
            Labels group,
            long time,
            double q,
            double[] upper,
            double[] counts,
            int n) {
        HistogramQuantiles.BucketQuantile r =
                HistogramQuantiles.bucketQuantileDetailed(q, upper, counts, n);
        if (r.forcedMonotonic()) {
            ev.ctx.annotations.forcedMonotonicity(
                    group.metricName(), arg.pos(), time, r.minBucket(), r.maxBucket(), r.maxDiff());
        }
        return r.value();
    }

    static Val fraction(Evaluator ev, List<Expr> args, Steps steps) {
        double[] lower = ev.scalars(args.get(0), steps);
        double[] upper = ev.scalars(args.get(1), steps);
        SeriesSet in = ev.vectors(args.get(2), steps);
        return perGroup(
                ev,
                args.get(2),
                in,
                steps,
                (group, step, ub, counts, n) ->
                        HistogramQuantiles.bucketFraction(lower[step], upper[step], ub, counts, n));
    }

    private static Val perGroup(
            Evaluator ev, Expr arg, SeriesSet in, Steps steps, GroupFunction fn) {
        List<StepSeries> series = ev.ctx.parallel.materialize(in);
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        IdentityHashMap<StepSeries, Double> bounds = new IdentityHashMap<>();
        for (StepSeries s : series) {
            Double ub = parseGoFloat(s.labels.get("le"));
            if (ub == null) {
                String name = s.labels.metricName();
                ev.ctx.annotations.warn(
                        "bucket label \"le\" is missing or has a malformed value of "
                                + Annotations.quoted(s.labels.get("le"))
                                + (name.isEmpty()
                                        ? ""
                                        : " for metric name " + Annotations.quoted(name)),
                        arg.pos());
                continue;
            }
            bounds.put(s, ub);
            Labels key = s.labels.without(List.of("le"));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        int n = steps.count();
        List<StepSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, List<StepSeries>> g : groups.entrySet()) {
            List<StepSeries> members = g.getValue();
            // Sort once by upper bound; steps only skip missing buckets.
            members.sort((a, b) -> Double.compare(bounds.get(a), bounds.get(b)));
            double[] upperBounds = new double[members.size()];
            double[] counts = new double[members.size()];
            StepSeries res = StepSeries.empty(g.getKey(), true, n);
            for (int step = 0; step < n; step++) {
                int k = 0;
                for (StepSeries m : members) {
                    if (m.present[step]) {
                        upperBounds[k] = bounds.get(m);
                        counts[k] = m.values[step];
                        k++;
                    }
                }
                if (k > 0) {
                    res.set(step, fn.apply(g.getKey(), step, upperBounds, counts, k));
                }
            }
            if (!res.isEmpty()) {
                out.add(res);
            }
        }
        return new Val.Vectors(SeriesSet.of(out));
    }

    /** Parses a float as Go's strconv.ParseFloat does (Inf, +Inf, NaN, ...); null if invalid. */
    static Double parseGoFloat(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        boolean neg = t.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            boolean ok =
                    (ch >= '0' && ch <= '9')
                            || ch == '.'
                            || ch == 'e'
                            || ch == '+'
                            || ch == '-'
                            || ch == 'x'
                            || ch == 'p'
                            || (ch >= 'a' && ch <= 'f');
            if (!ok) {
                return null;
            }
        }
        try {
            if (body.startsWith("0x")) {
                return Double.parseDouble(neg ? "-" + body : body);
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
