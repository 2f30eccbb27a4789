package io.weir.promql.eval;

/**
 * The range-vector argument of a function: per series, the raw samples and, per outer step, the
 * window {@code (end - range, end]} to look at. Windows never move backwards as steps advance,
 * which lets range functions slide two indices instead of searching every step.
 */
interface RangeSource {
    int size();

    /** The samples of series {@code i} covering every window; null when it has none. */
    RawSeries get(int i);

    long range();

    /** The inclusive end of the window at outer step {@code step}. */
    long windowEnd(int step);
}
