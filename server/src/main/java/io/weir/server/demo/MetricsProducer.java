package io.weir.server.demo;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a {@link MetricsModel}'s samples to a Kafka topic as binary sample batches ({@link
 * MetricBatchCodec}, key = series hash): first the history of a backfill window, many samples of a
 * series per record, then in real time one record per series at every tick.
 */
public final class MetricsProducer implements AutoCloseable {
    /** Samples of one series per record while backfilling. */
    static final int BACKFILL_BATCH = 120;

    private final MetricsModel model;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final long intervalMillis;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Exception lastFailure;
    private long nextTick = Long.MIN_VALUE;

    public MetricsProducer(
            MetricsModel model, String bootstrapServers, String topic, Duration interval) {
        this(model, new KafkaProducer<>(properties(bootstrapServers)), topic, interval);
    }

    MetricsProducer(
            MetricsModel model,
            Producer<byte[], byte[]> producer,
            String topic,
            Duration interval) {
        if (interval.toMillis() <= 0) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        this.model = model;
        this.producer = producer;
        this.topic = topic;
        this.intervalMillis = interval.toMillis();
    }

    static Properties properties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "weir-generate");
        // Fail within half a minute when the broker cannot be reached, rather than a minute.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Samples sent (acknowledged or not yet). */
    public long samples() {
        return samples.get();
    }

    /** Records the broker refused; the last failure is {@link #lastFailure()}. */
    public long failures() {
        return failures.get();
    }

    public Exception lastFailure() {
        return lastFailure;
    }

    /** The time of the next tick; after {@link #backfill}, the first tick after now. */
    public long nextTick() {
        return nextTick;
    }

    /**
     * Writes the ticks from {@code fromMillis} (aligned down to the interval) to {@code toMillis}
     * inclusive, batched per series, and flushes.
     */
    public void backfill(long fromMillis, long toMillis) {
        long first = Math.floorDiv(fromMillis, intervalMillis) * intervalMillis;
        int n = model.seriesCount();
        long[][] times = new long[n][BACKFILL_BATCH];
        double[][] values = new double[n][BACKFILL_BATCH];
        int[] filled = new int[n];
        long t = first;
        for (; t <= toMillis; t += intervalMillis) {
            model.tick(
                    t,
                    (i, labels, ts, v) -> {
                        times[i][filled[i]] = ts;
                        values[i][filled[i]] = v;
                        if (++filled[i] == BACKFILL_BATCH) {
                            send(new SampleBatch(labels, times[i].clone(), values[i].clone()));
                            filled[i] = 0;
                        }
                    });
        }
        for (int i = 0; i < n; i++) {
            if (filled[i] > 0) {
                send(
                        new SampleBatch(
                                model.labels(i),
                                java.util.Arrays.copyOf(times[i], filled[i]),
                                java.util.Arrays.copyOf(values[i], filled[i])));
            }
        }
        producer.flush();
        nextTick = t;
    }

    /** Writes one tick of every series at {@code millis}, one record each. */
    public void tick(long millis) {
        model.tick(millis, (i, labels, ts, v) -> send(SampleBatch.of(labels, ts, v)));
        nextTick = millis + intervalMillis;
    }

    /**
     * Ticks in real time until {@code untilMillis} (exclusive) or until interrupted, sleeping
     * between ticks; prints a status line to {@code status} every minute of ticks.
     */
    public void run(long untilMillis, PrintWriter status) throws InterruptedException {
        if (nextTick == Long.MIN_VALUE) {
            nextTick = Math.floorDiv(System.currentTimeMillis(), intervalMillis) * intervalMillis;
        }
        long lastStatus = System.currentTimeMillis();
        while (nextTick < untilMillis) {
            long wait = nextTick - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            tick(nextTick);
            long now = System.currentTimeMillis();
            if (status != null && now - lastStatus >= 60_000) {
                lastStatus = now;
                status.printf(
                        Locale.ROOT,
                        "weir generate: %,d samples sent, last tick %s%s%n",
                        samples(),
                        Instant.ofEpochMilli(nextTick - intervalMillis),
                        failures() == 0 ? "" : ", " + failures() + " records refused");
                status.flush();
            }
        }
        producer.flush();
    }

    private void send(SampleBatch batch) {
        samples.addAndGet(batch.size());
        // Failures arrive in the callback and are counted there; the future adds nothing.
        Future<RecordMetadata> unused =
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                MetricBatchCodec.encodeKey(batch.labels()),
                                MetricBatchCodec.encodeValue(batch)),
                        (metadata, e) -> {
                            if (e != null) {
                                failures.incrementAndGet();
                                lastFailure = e;
                            }
                        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
