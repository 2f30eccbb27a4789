package io.weir.job.bench;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's metrics: {@code targets} scrape targets in 10 jobs, each exposing a request
 * counter, a memory gauge and an 8-bucket latency histogram (10 series per target), scraped every
 * 15 s, each target at its own phase within the scrape interval. Counters never reset, so that the
 * SQL job's {@code MAX - MIN} is the increase. One Kafka record per series per scrape, keyed by
 * series.
 */
final class BenchData {
    static final long SCRAPE = 15_000;
    static final int JOBS = 10;
    private static final double[] BUCKETS = {0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};

    private final int targets;
    private final long t0;
    private final List<Labels> series = new ArrayList<>();

    BenchData(int targets, long t0) {
        this.targets = targets;
        this.t0 = t0;
        for (int i = 0; i < targets; i++) {
            String job = "job-" + i % JOBS;
            String instance = "instance-" + i;
            series.add(
                    Labels.of(
                            "__name__", "bench_requests_total", "job", job, "instance", instance));
            series.add(
                    Labels.of("__name__", "bench_memory_bytes", "job", job, "instance", instance));
            for (double le : BUCKETS) {
                series.add(bucket(job, instance, Double.toString(le)));
            }
            series.add(bucket(job, instance, "+Inf"));
        }
    }

    private static Labels bucket(String job, String instance, String le) {
        return Labels.of(
                "__name__",
                "bench_latency_seconds_bucket",
                "job",
                job,
                "instance",
                instance,
                "le",
                le);
    }

    int seriesCount() {
        return series.size();
    }

    long t0() {
        return t0;
    }

    /** The time of scrape {@code k} of target {@code i}: spread over the first 10 s. */
    long timestamp(int k, int target) {
        return t0 + k * SCRAPE + 17 + (target * 9_973L) % 10_000;
    }

    /** The earliest sample time of scrape {@code k} (target 0's). */
    long firstTimestamp(int k) {
        return timestamp(k, 0);
    }

    /** The latest sample time of scrape {@code k}. */
    long lastTimestamp(int k) {
        return t0 + k * SCRAPE + 17 + 9_999;
    }

    /**
     * Sends scrapes {@code [from, to)}, in time order within each scrape, and returns the count.
     */
    long send(KafkaProducer<byte[], byte[]> producer, String topic, int from, int to) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long n = 0;
        for (int k = from; k < to; k++) {
            for (int i = 0; i < targets; i++) {
                long ts = timestamp(k, i);
                Random r = new Random(i * 1_000_003L + k);
                double requests = k * 50.0 + i + r.nextInt(50);
                double memory = 1e8 + r.nextInt(1_000_000) * 64.0;
                // A latency histogram: cumulative counts growing by about 20 per scrape.
                double[] counts = new double[BUCKETS.length + 1];
                for (int b = 0; b < counts.length; b++) {
                    counts[b] = k * (2.0 + 2.5 * b) + b;
                }
                int base = i * (BUCKETS.length + 3);
                n += send(producer, topic, series.get(base), ts, requests, failure);
                n += send(producer, topic, series.get(base + 1), ts, memory, failure);
                for (int b = 0; b < counts.length; b++) {
                    n += send(producer, topic, series.get(base + 2 + b), ts, counts[b], failure);
                }
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed", failure.get());
        }
        return n;
    }

    private static int send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            Labels labels,
            long ts,
            double value,
            AtomicReference<Exception> failure) {
        // Failures are collected by the callback and checked after the flush.
        var unused =
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                MetricBatchCodec.encodeKey(labels),
                                MetricBatchCodec.encodeValue(SampleBatch.of(labels, ts, value))),
                        (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
        return 1;
    }
}
