package io.weir.promql.eval;

/** The value of an evaluated expression over all steps. */
sealed interface Val {

    /** A scalar per step. */
    final class Scalars implements Val {
        final double[] values;

        Scalars(double[] values) {
            this.values = values;
        }
    }

    /** A string literal (the same at every step). */
    record Str(String value) implements Val {}

    /** An instant vector per step. */
    record Vectors(SeriesSet series) implements Val {}
}
