/**
 * The server's RocksDB stores. {@link io.weir.server.store.RocksSampleStore}: raw samples,
 * compressed per series into Gorilla-style chunks, behind the evaluator's {@code SampleStore} port.
 * {@link io.weir.server.store.RocksViewStore}: the history of every view behind the {@code
 * ViewStore} port, in hour blocks per (view, series) ({@code ViewKeys}). Both write the consumed
 * positions of their Kafka topics ({@link io.weir.server.store.StreamPosition}) in the same atomic
 * batch as the data, so a consumer that resumes from them neither loses nor repeats a record after
 * a crash. This package uses {@code org.rocksdb:rocksdbjni}; the server process must not also carry
 * Flink's RocksDB state backend, whose {@code frocksdbjni} has the same package.
 */
package io.weir.server.store;
