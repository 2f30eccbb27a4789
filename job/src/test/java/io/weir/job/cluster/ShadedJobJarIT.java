package io.weir.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The job jar carries what a Flink cluster does not (Weir, the Kafka connector, connector-base,
 * kafka-clients, Jackson, ANTLR's runtime, RE2/J) and nothing the cluster brings (Flink itself,
 * logging, RocksDB): a second copy of those would shadow or clash with the cluster's.
 */
class ShadedJobJarIT {
    private static final List<String> CARRIED =
            List.of(
                    "io/weir/job/WeirJob.class",
                    "io/weir/connectors/kafka/MetricsSource.class",
                    "io/weir/promql/eval/Engine.class",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                    "org/apache/flink/connector/base/DeliveryGuarantee.class",
                    "org/apache/kafka/clients/producer/KafkaProducer.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class",
                    "org/antlr/v4/runtime/Parser.class",
                    "com/google/re2j/Pattern.class");

    private static final List<String> LEFT_TO_THE_CLUSTER =
            List.of(
                    "org/apache/flink/streaming/api/",
                    "org/apache/flink/runtime/",
                    "org/apache/flink/api/common/",
                    "org/slf4j/",
                    "org/apache/logging/log4j/",
                    "org/apache/log4j/",
                    "org/rocksdb/");

    @Test
    void carriesWhatTheClusterLacksAndNothingItHas() throws Exception {
        Path jar = Path.of(System.getProperty("weir.job.jar", "target/weir-job.jar"));
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals(
                    "io.weir.job.WeirJob",
                    f.getManifest().getMainAttributes().getValue("Main-Class"));
            for (String c : CARRIED) {
                assertTrue(f.getEntry(c) != null, jar + " lacks " + c);
            }
            List<String> clashing =
                    f.stream()
                            .map(e -> e.getName())
                            .filter(n -> LEFT_TO_THE_CLUSTER.stream().anyMatch(n::startsWith))
                            .limit(5)
                            .toList();
            assertEquals(List.of(), clashing, "the cluster brings these");
        }
    }
}
