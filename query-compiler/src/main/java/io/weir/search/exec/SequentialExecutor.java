package io.weir.search.exec;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.index.SeriesIndex;
import org.roaringbitmap.RoaringBitmap;

/**
 * The baseline: evaluates the tree bottom-up, every node over every series, and combines the
 * operands' results with intersection, union and complement. A percentile is computed for every
 * series, however selective its siblings.
 */
public final class SequentialExecutor implements Executor {
    @Override
    public RoaringBitmap execute(SeriesIndex index, Predicate plan, long atMillis) {
        return eval(index, new Leaves(index, atMillis), plan);
    }

    /** Bottom-up evaluation of {@code p} over every series; the prefilter executor uses it too. */
    static RoaringBitmap eval(SeriesIndex index, Leaves leaves, Predicate p) {
        if (p instanceof And a) {
            RoaringBitmap out = null;
            for (Predicate op : a.operands()) {
                RoaringBitmap r = eval(index, leaves, op);
                out = out == null ? r : RoaringBitmap.and(out, r);
            }
            return out;
        }
        if (p instanceof Or o) {
            RoaringBitmap out = new RoaringBitmap();
            for (Predicate op : o.operands()) {
                out = RoaringBitmap.or(out, eval(index, leaves, op));
            }
            return out;
        }
        if (p instanceof Not n) {
            return RoaringBitmap.andNot(index.all(), eval(index, leaves, n.operand()));
        }
        return leaves.evaluate(p, null);
    }
}
