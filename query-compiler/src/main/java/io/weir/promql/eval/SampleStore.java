package io.weir.promql.eval;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;

/**
 * Where the evaluator reads raw samples from. The in-memory implementation is {@link
 * MemorySampleStore}; the server puts a RocksDB store behind the same port.
 *
 * <p>Implementations must allow concurrent calls: the evaluator reads series in parallel.
 */
public interface SampleStore {

    /**
     * The series whose labels satisfy every matcher (a missing label has the value {@code ""}) and
     * that may hold samples in {@code [minTime, maxTime]}, sorted by labels.
     *
     * <p>Regex matchers are fully anchored RE2 expressions; {@link LabelMatchers} implements the
     * matching for stores that test label sets directly.
     */
    List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime);

    /** Every label name of every series, sorted (the API's {@code /api/v1/labels}). */
    List<String> labelNames();

    /** Every value of one label, sorted (the API's {@code /api/v1/label/<name>/values}). */
    List<String> labelValues(String name);

    /** One series of a store. */
    interface StoredSeries {
        Labels labels();

        /**
         * The samples with {@code minTime <= t <= maxTime}, ascending by time, one per timestamp,
         * staleness markers included.
         */
        SampleChunk read(long minTime, long maxTime);
    }
}
