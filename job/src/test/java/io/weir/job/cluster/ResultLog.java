package io.weir.job.cluster;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.StaleNaN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything committed to the results topic, read with {@code read_committed} from the beginning
 * and kept: every (view, series, step) with every value it was committed with, so that a point
 * committed twice shows up however far apart the two copies are.
 */
final class ResultLog implements AutoCloseable {
    /** What a check found. */
    record Verdict(
            int checked,
            List<String> missing,
            List<String> wrong,
            List<String> unexpected,
            List<String> duplicates,
            int early) {
        boolean pass() {
            return missing.isEmpty()
                    && wrong.isEmpty()
                    && unexpected.isEmpty()
                    && duplicates.isEmpty();
        }

        String summary() {
            String s =
                    checked
                            + " points checked, "
                            + missing.size()
                            + " missing, "
                            + wrong.size()
                            + " wrong, "
                            + unexpected.size()
                            + " unexpected, "
                            + duplicates.size()
                            + " duplicated"
                            + (early > 0 ? " (" + early + " early results not checked)" : "");
            List<String> examples = new ArrayList<>();
            examples.addAll(missing.stream().limit(2).map(m -> "missing " + m).toList());
            examples.addAll(wrong.stream().limit(2).toList());
            examples.addAll(unexpected.stream().limit(2).map(m -> "unexpected " + m).toList());
            examples.addAll(duplicates.stream().limit(2).map(m -> "twice " + m).toList());
            return examples.isEmpty() ? s : s + "; e.g. " + String.join("; ", examples);
        }
    }

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<ResultKey, List<Double>> points = new HashMap<>();
    private int early;
    private List<TopicPartition> partitions;

    ResultLog(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
    }

    /**
     * Reads until every key of {@code expected} is there or {@code timeout} passed, then up to the
     * current end once more, and compares: every expected point exactly once with its value, and
     * nothing else at steps up to {@code bound}.
     */
    Verdict check(Map<ResultKey, Double> expected, long bound, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!points.keySet().containsAll(expected.keySet()) && System.nanoTime() < deadline) {
            poll();
        }
        drain();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<ResultKey, Double> e : expected.entrySet()) {
            List<Double> got = points.get(e.getKey());
            if (got == null) {
                missing.add(e.getKey().toString());
            } else if (!close(e.getValue(), got.get(0))) {
                wrong.add(e.getKey() + " expected " + e.getValue() + " got " + got.get(0));
            }
        }
        List<String> unexpected = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Map.Entry<ResultKey, List<Double>> e : points.entrySet()) {
            if (e.getKey().stepMillis() <= bound && !expected.containsKey(e.getKey())) {
                unexpected.add(e.getKey() + " = " + e.getValue());
            }
            if (e.getValue().size() > 1) {
                duplicates.add(e.getKey() + " " + e.getValue());
            }
        }
        return new Verdict(expected.size(), missing, wrong, unexpected, duplicates, early);
    }

    int size() {
        return points.size();
    }

    private void poll() {
        if (partitions == null) {
            partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            ResultRecord result;
            try {
                result = ResultCodec.decode(r.key(), r.value());
            } catch (CorruptRecordException e) {
                throw new AssertionError("undecodable result at offset " + r.offset(), e);
            }
            if (result.kind() == ResultKind.EARLY) {
                early++;
                continue; // early values may differ from the final ones: only finals are checked
            }
            points.computeIfAbsent(
                            new ResultKey(result.view(), result.series(), result.stepMillis()),
                            k -> new ArrayList<>())
                    .add(result.value());
        }
    }

    /** Reads up to the end offsets of now (the last stable offsets, with read_committed). */
    private void drain() {
        poll();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.nanoTime() < deadline) {
            poll();
        }
    }

    /** Equal within a relative 1e-9; NaN equals NaN, and a staleness marker only a marker. */
    static boolean close(double want, double got) {
        if (StaleNaN.isStale(want) || StaleNaN.isStale(got)) {
            return StaleNaN.isStale(want) && StaleNaN.isStale(got);
        }
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        return want == got
                || Math.abs(want - got) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
