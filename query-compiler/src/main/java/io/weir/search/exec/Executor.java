package io.weir.search.exec;

import io.weir.search.ast.Predicate;
import io.weir.search.index.SeriesIndex;
import org.roaringbitmap.RoaringBitmap;

/** Evaluates a plan over an index at a time; both implementations return the same series. */
public interface Executor {
    /** The ids of the series that satisfy the plan at {@code atMillis}. */
    RoaringBitmap execute(SeriesIndex index, Predicate plan, long atMillis);
}
