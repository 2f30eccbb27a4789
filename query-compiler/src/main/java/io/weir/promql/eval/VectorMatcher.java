package io.weir.promql.eval;

import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorMatching.Cardinality;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vector/vector binary operations: both sides are matched per step by their signature (the {@code
 * on} labels, or all but the {@code ignoring} labels and the name), with Prometheus's cardinality
 * rules and errors.
 */
final class VectorMatcher {
    private static final List<String> SCHEMA_LABELS = List.of("__name__", "__type__", "__unit__");

    private VectorMatcher() {}

    static SeriesSet eval(
            QueryContext ctx, BinaryExpr e, SeriesSet lhsSet, SeriesSet rhsSet, Steps steps) {
        List<StepSeries> lhs = ctx.parallel.materialize(lhsSet);
        List<StepSeries> rhs = ctx.parallel.materialize(rhsSet);
        VectorMatching m = e.matching() != null ? e.matching() : VectorMatching.DEFAULT;
        Map<Labels, Integer> ordinals = new HashMap<>();
        int[] lsig = signatures(lhs, m, ordinals);
        int[] rsig = signatures(rhs, m, ordinals);
        int sigs = ordinals.size();
        StepCollector out = new StepCollector(steps.count());
        if (e.op().isSetOperator()) {
            setOperation(e.op(), lhs, rhs, lsig, rsig, sigs, steps.count(), out);
        } else {
            new Matching(e, m, lhs, rhs, lsig, rsig, sigs).run(steps.count(), out);
        }
        return SeriesSet.of(out.result());
    }

    private static int[] signatures(
            List<StepSeries> list, VectorMatching m, Map<Labels, Integer> ordinals) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Labels sig = matchLabels(list.get(i).labels, m);
            out[i] = ordinals.computeIfAbsent(sig, k -> ordinals.size());
        }
        return out;
    }

    /** The labels two series are matched on. */
    static Labels matchLabels(Labels l, VectorMatching m) {
        Set<String> names = new HashSet<>(m.matchingLabels());
        if (m.on()) {
            return l.filter(names::contains);
        }
        return l.filter(n -> !names.contains(n) && !n.equals(Labels.METRIC_NAME));
    }

    /**
     * Prometheus's {@code Labels.String()}: every label inside the braces, the name included, names
     * quoted only when they are not legacy names.
     */
    static String plainString(Labels l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (Labels.isLegacyLabelName(l.name(i))) {
                sb.append(l.name(i));
            } else {
                Labels.quote(sb, l.name(i));
            }
            sb.append('=');
            Labels.quote(sb, l.value(i));
        }
        return sb.append('}').toString();
    }

    private static void setOperation(
            BinaryOp op,
            List<StepSeries> lhs,
            List<StepSeries> rhs,
            int[] lsig,
            int[] rsig,
            int sigs,
            int steps,
            StepCollector out) {
        boolean[] seen = new boolean[sigs];
        for (int step = 0; step < steps; step++) {
            java.util.Arrays.fill(seen, false);
            boolean anyL = false;
            boolean anyR = false;
            for (int i = 0; i < lhs.size(); i++) {
                anyL |= lhs.get(i).present[step];
            }
            for (int j = 0; j < rhs.size(); j++) {
                anyR |= rhs.get(j).present[step];
            }
            switch (op) {
                case AND -> {
                    if (anyL && anyR) {
                        mark(rhs, rsig, step, seen);
                        emit(lhs, lsig, step, seen, true, out);
                    }
                }
                case OR -> {
                    mark(lhs, lsig, step, seen);
                    emit(lhs, lsig, step, seen, true, out);
                    emit(rhs, rsig, step, seen, false, out);
                }
                case UNLESS -> {
                    mark(rhs, rsig, step, seen);
                    emit(lhs, lsig, step, seen, false, out);
                }
                case EQL, NEQ, GTR, LSS, GTE, LTE, ADD, SUB, MUL, DIV, MOD, ATAN2, POW ->
                        throw new IllegalStateException("not a set operator: " + op);
            }
        }
    }

    private static void mark(List<StepSeries> side, int[] sig, int step, boolean[] seen) {
        for (int i = 0; i < side.size(); i++) {
            if (side.get(i).present[step]) {
                seen[sig[i]] = true;
            }
        }
    }

    private static void emit(
            List<StepSeries> side,
            int[] sig,
            int step,
            boolean[] seen,
            boolean want,
            StepCollector out) {
        for (int i = 0; i < side.size(); i++) {
            StepSeries s = side.get(i);
            if (s.present[step] && seen[sig[i]] == want) {
                out.add(s.labels, s.dropName, step, s.values[step]);
            }
        }
    }

    /** Arithmetic and comparison with one-to-one, many-to-one or one-to-many matching. */
    private static final class Matching {
        private final BinaryExpr e;
        private final VectorMatching m;
        private final List<StepSeries> many;
        private final List<StepSeries> one;
        private final int[] manySig;
        private final int[] oneSig;
        private final int sigs;
        private final boolean swapped;
        private final Map<Long, Labels> resultLabels = new HashMap<>();

        Matching(
                BinaryExpr e,
                VectorMatching m,
                List<StepSeries> lhs,
                List<StepSeries> rhs,
                int[] lsig,
                int[] rsig,
                int sigs) {
            this.e = e;
            this.m = m;
            this.swapped = m.cardinality() == Cardinality.ONE_TO_MANY;
            this.many = swapped ? rhs : lhs;
            this.one = swapped ? lhs : rhs;
            this.manySig = swapped ? rsig : lsig;
            this.oneSig = swapped ? lsig : rsig;
            this.sigs = sigs;
        }

        void run(int steps, StepCollector out) {
            int[] oneAt = new int[sigs];
            boolean[] matched = new boolean[sigs];
            List<Set<Labels>> inserted = new ArrayList<>();
            for (int i = 0; i < sigs; i++) {
                inserted.add(null);
            }
            BinaryOp op = e.op();
            boolean comparison = op.isComparison();
            for (int step = 0; step < steps; step++) {
                boolean anyMany = false;
                boolean anyOne = false;
                for (StepSeries s : many) {
                    anyMany |= s.present[step];
                }
                for (StepSeries s : one) {
                    anyOne |= s.present[step];
                }
                if (!anyMany || !anyOne) {
                    continue;
                }
                java.util.Arrays.fill(oneAt, -1);
                java.util.Arrays.fill(matched, false);
                for (int j = 0; j < one.size(); j++) {
                    StepSeries rs = one.get(j);
                    if (!rs.present[step]) {
                        continue;
                    }
                    int sig = oneSig[j];
                    if (oneAt[sig] >= 0) {
                        throw duplicate(rs, one.get(oneAt[sig]));
                    }
                    oneAt[sig] = j;
                }
                for (int i = 0; i < sigs; i++) {
                    if (inserted.get(i) != null) {
                        inserted.get(i).clear();
                    }
                }
                for (int i = 0; i < many.size(); i++) {
                    StepSeries ls = many.get(i);
                    if (!ls.present[step]) {
                        continue;
                    }
                    int sig = manySig[i];
                    int j = oneAt[sig];
                    if (j < 0) {
                        continue;
                    }
                    StepSeries rs = one.get(j);
                    double fl = ls.values[step];
                    double fr = rs.values[step];
                    if (swapped) {
                        double t = fl;
                        fl = fr;
                        fr = t;
                    }
                    double value;
                    boolean keep;
                    if (comparison) {
                        keep = BinaryOps.compare(op, fl, fr);
                        value = fl;
                    } else {
                        keep = true;
                        value = BinaryOps.arithmetic(op, fl, fr);
                    }
                    if (e.returnBool()) {
                        value = keep ? 1 : 0;
                    }
                    Labels metric = resultLabels(i, j, ls.labels, rs.labels);
                    if (m.cardinality() == Cardinality.ONE_TO_ONE) {
                        if (matched[sig]) {
                            throw QueryContext.error(
                                    "multiple matches for labels: many-to-one matching must be"
                                            + " explicit (group_left/group_right)");
                        }
                        matched[sig] = true;
                    } else {
                        Set<Labels> ins = inserted.get(sig);
                        if (ins == null) {
                            ins = new HashSet<>();
                            inserted.set(sig, ins);
                        }
                        if (!ins.add(metric)) {
                            throw QueryContext.error(
                                    "multiple matches for labels: grouping labels must ensure"
                                            + " unique matches");
                        }
                    }
                    if (!keep && !e.returnBool()) {
                        continue;
                    }
                    out.add(metric, e.returnBool(), step, value);
                }
            }
        }

        private RuntimeException duplicate(StepSeries a, StepSeries b) {
            String side = swapped ? "left" : "right";
            Labels group = matchLabels(a.labels, m);
            String d1 = plainString(a.labels);
            String d2 = plainString(b.labels);
            if (d1.compareTo(d2) > 0) {
                String t = d1;
                d1 = d2;
                d2 = t;
            }
            return QueryContext.error(
                    "found duplicate series for the match group "
                            + plainString(group)
                            + " on the "
                            + side
                            + " hand-side of the operation: ["
                            + d1
                            + ", "
                            + d2
                            + "];many-to-many matching not allowed: matching labels must be"
                            + " unique on one side");
        }

        /** The output labels of a matched pair, cached per pair. */
        private Labels resultLabels(int manyIdx, int oneIdx, Labels ml, Labels ol) {
            long key = ((long) manyIdx << 32) | (oneIdx & 0xffffffffL);
            Labels cached = resultLabels.get(key);
            if (cached != null) {
                return cached;
            }
            Labels.Builder b = ml.toBuilder();
            if (e.op().kind() == BinaryOp.Kind.ARITHMETIC) {
                SCHEMA_LABELS.forEach(b::remove);
            }
            if (m.cardinality() == Cardinality.ONE_TO_ONE) {
                Set<String> names = new HashSet<>(m.matchingLabels());
                for (int k = 0; k < ml.size(); k++) {
                    String n = ml.name(k);
                    if (m.on() != names.contains(n)) {
                        b.remove(n);
                    }
                }
            }
            for (String inc : m.include()) {
                b.set(inc, ol.get(inc));
            }
            Labels l = b.build();
            resultLabels.put(key, l);
            return l;
        }
    }
}
