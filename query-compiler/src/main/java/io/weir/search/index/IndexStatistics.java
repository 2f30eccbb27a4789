package io.weir.search.index;

/**
 * What the optimizer may know about the data to estimate a predicate's cost and result size:
 * posting-list sizes and label cardinalities.
 */
public interface IndexStatistics {
    /** How many series there are. */
    int seriesCount();

    /** How many series contain the token (see {@link Tokenizer}). */
    int tokenPostingSize(String token);

    /** How many series have the label. */
    int labelPostingSize(String name);

    /** How many series have the label with this value. */
    int labelValuePostingSize(String name, String value);

    /** How many distinct values the label has. */
    int labelCardinality(String name);

    /** How many panes a percentile over this range merges per series. */
    int panesPerRange(long rangeMillis);
}
