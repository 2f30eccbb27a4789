/**
 * The server's sample store: raw samples in RocksDB, compressed per series into Gorilla-style
 * chunks, behind the evaluator's {@code SampleStore} port ({@link
 * io.weir.server.store.RocksSampleStore}). This package uses {@code org.rocksdb:rocksdbjni}; the
 * server process must not also carry Flink's RocksDB state backend, whose {@code frocksdbjni} has
 * the same package.
 */
package io.weir.server.store;
