package io.weir.promql.eval;

/**
 * Where the evaluator reads raw samples from. The in-memory implementation is {@link
 * MemorySampleStore}; the server puts a RocksDB store behind the same port.
 *
 * <p>(The methods are defined by the evaluator.)
 */
public interface SampleStore {}
