package io.weir.promql.ast;

/** The {@code @} modifier of a selector or subquery. */
public sealed interface AtModifier {
    /** {@code @ <unix seconds>}, held in milliseconds. */
    record Timestamp(long millis) implements AtModifier {}

    /** {@code @ start()}: the start of the query range. */
    record Start() implements AtModifier {}

    /** {@code @ end()}: the end of the query range. */
    record End() implements AtModifier {}
}
