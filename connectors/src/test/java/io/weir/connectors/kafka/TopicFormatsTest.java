package io.weir.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.connectors.codec.MetricFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFormatsTest {
    @Test
    void parsesTopicsAndFormats() {
        TopicFormats f = TopicFormats.parse("weir.metrics, scrapes=openmetrics,events=json");
        assertEquals(List.of("weir.metrics", "scrapes", "events"), f.topics());
        assertEquals(MetricFormat.BINARY, f.formatOf("weir.metrics"));
        assertEquals(MetricFormat.OPENMETRICS, f.formatOf("scrapes"));
        assertEquals(MetricFormat.JSON, f.formatOf("events"));
        assertEquals("weir.metrics=binary,scrapes=openmetrics,events=json", f.toString());
        assertEquals(f, TopicFormats.parse(f.toString()));
    }

    @Test
    void rejectsBadSpecs() {
        assertEquals(
                "topic a configured twice",
                assertThrows(IllegalArgumentException.class, () -> TopicFormats.parse("a,a=json"))
                        .getMessage());
        assertEquals(
                "empty topic in \"a,\"",
                assertThrows(IllegalArgumentException.class, () -> TopicFormats.parse("a,"))
                        .getMessage());
    }
}
