/**
 * {@code weir demo} and {@code weir generate}: Weir on one machine as separate processes, and the
 * metrics it runs on.
 *
 * <p>{@link io.weir.server.demo.Demo} starts, each once the one before is ready: a Kafka broker
 * ({@link io.weir.server.demo.KafkaProcess}, combined KRaft node, classpath {@code
 * server/target/demo/kafka.classpath}), the server ({@code weir serve --kafka --data-dir}, from the
 * running {@code weir}'s own classpath), the views of {@link io.weir.server.demo.DemoViews} through
 * the server's API, the Flink job on a local MiniCluster ({@code io.weir.job.WeirJob} with {@code
 * server/target/demo/flink.classpath} and {@code job/target/weir-job.jar}; its web UI's address is
 * read from its log), and the generator ({@code weir generate}). Each child's output goes to {@code
 * <data>/logs/<name>.log} ({@link io.weir.server.demo.ChildProcess}); {@link
 * io.weir.server.demo.Demo#stop()} stops them last started first, SIGTERM then, after a grace
 * period, SIGKILL, and waits for each. The runtimes' classpaths are resolved by the server module's
 * build from the poms under {@code server/src/demo/}, apart from the server's own: Flink's RocksDB
 * jar and the server's share a package.
 *
 * <p>{@link io.weir.server.demo.MetricsModel} simulates instances of three jobs (request counters
 * by method and code that reset on restarts, a classic latency histogram, gauges); {@link
 * io.weir.server.demo.MetricsProducer} writes it to {@code weir.metrics} as binary batches keyed by
 * series hash, a backfill first and then in real time.
 */
package io.weir.server.demo;
