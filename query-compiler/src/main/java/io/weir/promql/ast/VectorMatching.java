package io.weir.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * How the two sides of a vector/vector binary operation are matched: {@code on(...)} or {@code
 * ignoring(...)}, and {@code group_left(...)} / {@code group_right(...)}.
 *
 * @param on true for {@code on}, false for {@code ignoring} (or no clause)
 * @param matchingLabels the labels of {@code on} or {@code ignoring}
 * @param include the extra labels of {@code group_left(...)} or {@code group_right(...)}
 */
public record VectorMatching(
        Cardinality cardinality, boolean on, List<String> matchingLabels, List<String> include) {
    public static final VectorMatching DEFAULT =
            new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    /** Matching cardinality; many-to-many is what set operators use. */
    public enum Cardinality {
        ONE_TO_ONE,
        MANY_TO_ONE,
        ONE_TO_MANY,
        MANY_TO_MANY
    }
}
