package io.weir.search.exec;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.index.SeriesIndex;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a plan top-down over groups of candidate series (see {@link GroupedPlan} for how groups
 * are assigned), so that a predicate only ever looks at the series that survived the operands
 * before it in its conjunction: after {@code kw('checkout') AND label('region')}, a percentile
 * merges sketches for those few series instead of all of them.
 *
 * <p>A group is a bitmap, or null for "every series" (the root's group before anything narrowed
 * it), which spares copying the full set.
 */
public final class PrefilterExecutor implements Executor {
    /** Told, for every node the executor evaluates, how many candidates it read and kept. */
    public interface Trace {
        void node(GroupedPlan node, int candidates, int kept);
    }

    private final Trace trace;

    public PrefilterExecutor() {
        this.trace = null;
    }

    /** An executor that reports each node's candidates and survivors (EXPLAIN ANALYZE). */
    public PrefilterExecutor(Trace trace) {
        this.trace = java.util.Objects.requireNonNull(trace, "trace");
    }

    @Override
    public RoaringBitmap execute(SeriesIndex index, Predicate plan, long atMillis) {
        if (!GroupedPlan.hasPercentile(plan)) {
            // Nothing to prefilter: posting-list operations cost the same on candidates as on
            // everything, so a plan without a percentile runs bottom-up at no extra cost.
            return SequentialExecutor.eval(index, new Leaves(index, atMillis), plan);
        }
        return execute(index, GroupedPlan.assign(plan), atMillis);
    }

    public RoaringBitmap execute(SeriesIndex index, GroupedPlan plan, long atMillis) {
        RoaringBitmap[] groups = new RoaringBitmap[plan.groupCount()];
        new Run(index, new Leaves(index, atMillis), groups, trace).run(plan);
        return groups[0] == null ? index.all() : groups[0];
    }

    private static final class Run {
        private final SeriesIndex index;
        private final Leaves leaves;
        private final RoaringBitmap[] groups;
        private final Trace trace;

        Run(SeriesIndex index, Leaves leaves, RoaringBitmap[] groups, Trace trace) {
            this.index = index;
            this.leaves = leaves;
            this.groups = groups;
            this.trace = trace;
        }

        void run(GroupedPlan n) {
            Predicate p = n.node();
            RoaringBitmap candidates = groups[n.read()];
            if (!n.percentile() && !n.children().isEmpty()) {
                // A subtree of index lookups only: bottom-up, then restricted to the candidates.
                RoaringBitmap r = SequentialExecutor.eval(index, leaves, p);
                narrow(n, candidates == null ? r : RoaringBitmap.and(r, candidates));
            } else if (p instanceof And) {
                for (GroupedPlan c : n.children()) {
                    if (groups[n.write()] != null && groups[n.write()].isEmpty()) {
                        return; // nothing left for the remaining conjuncts to narrow
                    }
                    run(c);
                }
            } else if (p instanceof Or) {
                RoaringBitmap union = new RoaringBitmap();
                for (GroupedPlan c : n.children()) {
                    // A series an earlier operand kept is in the result already: the next
                    // operand's group starts without it.
                    groups[c.write()] =
                            union.isEmpty()
                                    ? candidates
                                    : RoaringBitmap.andNot(all(candidates), union);
                    run(c);
                    union = RoaringBitmap.or(union, all(groups[c.write()]));
                }
                narrow(n, union);
            } else if (p instanceof Not) {
                GroupedPlan c = n.children().get(0);
                groups[c.write()] = candidates;
                run(c);
                narrow(n, RoaringBitmap.andNot(all(candidates), all(groups[c.write()])));
            } else {
                narrow(n, leaves.evaluate(p, candidates));
            }
        }

        /** Narrows the write group to {@code result}, a subset of the read group. */
        private void narrow(GroupedPlan n, RoaringBitmap result) {
            if (trace != null) {
                trace.node(n, all(groups[n.read()]).getCardinality(), result.getCardinality());
            }
            RoaringBitmap w = groups[n.write()];
            groups[n.write()] =
                    w == null || n.write() == n.read() ? result : RoaringBitmap.and(w, result);
        }

        private RoaringBitmap all(RoaringBitmap group) {
            return group == null ? index.all() : group;
        }
    }
}
