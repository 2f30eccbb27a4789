package io.weir.server.views;

import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.SampleStore;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The history of every view's output, as the server keeps it: the port through which the HTTP API,
 * the results cache and live push read views, with RocksDB behind it.
 *
 * <p>As a {@link SampleStore}, every output series of a view is named by the view ({@code __name__}
 * is the view's name, as Prometheus names a recording rule's output), so a query, or another view,
 * selects a view's output by its name. A final value replaces an early value of the same step; a
 * staleness marker ends a series as it does in Prometheus.
 */
public interface ViewStore extends SampleStore, AutoCloseable {

    /**
     * Stores results in the order they were committed to the results topic, and tells every
     * listener once they are stored.
     */
    void write(List<ResultRecord> results) throws IOException;

    /** The latest step of the view whose value is final, or empty while it has none. */
    OptionalLong lastFinalStep(String view);

    /** Frees a dropped view's history. */
    void drop(String view) throws IOException;

    /**
     * Calls {@code listener} with every batch of results written from now on, on the writing
     * thread; closing the returned handle stops it.
     */
    AutoCloseable subscribe(ViewListener listener);

    @Override
    void close();
}
