package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void argumentsOverrideTheFileAndDefaultsFillTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(
                file,
                """
                bootstrap.servers=k1:9092
                parallelism=4
                topic.results=out
                checkpoint.dir=file:///tmp/cp
                """,
                StandardCharsets.UTF_8);
        JobConfig c =
                JobConfig.fromArgs(
                        new String[] {
                            "--config",
                            file.toString(),
                            "--parallelism",
                            "8",
                            "--lateness.default.ms",
                            "5000"
                        });
        assertEquals("k1:9092", c.bootstrapServers());
        assertEquals(8, c.parallelism());
        assertEquals("out", c.resultsTopic());
        assertEquals("weir.metrics", c.metricsTopic());
        assertEquals("weir.queries", c.queriesTopic());
        assertEquals("weir.dlq", c.deadLetterTopic());
        assertEquals(Duration.ofSeconds(5), c.defaultLateness());

        Configuration flink = WeirJob.flinkConfiguration(c);
        assertEquals("rocksdb", flink.get(StateBackendOptions.STATE_BACKEND));
        assertEquals(true, flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
        assertEquals("file:///tmp/cp", flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    }

    @Test
    void noCheckpointDirectoryUnlessGiven() throws Exception {
        assertNull(JobConfig.fromArgs(new String[0]).checkpointDir());
    }

    @Test
    void refusesAKeyWithoutValue() {
        assertThrows(
                IllegalArgumentException.class, () -> JobConfig.fromArgs(new String[] {"--x"}));
    }

    @Test
    void refusesAMisspeltSettingByName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> JobConfig.fromArgs(new String[] {"--watermark.idlenes.ms", "0"}));
        assertEquals(true, e.getMessage().contains("unknown setting \"watermark.idlenes.ms\""));
        assertEquals(true, e.getMessage().contains("watermark.idleness.ms"));
    }

    @Test
    void refusesANumberThatDoesNotParse() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> JobConfig.fromArgs(new String[] {"--lateness.default.ms", "30s"}));
        assertEquals(
                "setting \"lateness.default.ms\" must be a whole number of 0 or more, got \"30s\"",
                e.getMessage());
    }
}
