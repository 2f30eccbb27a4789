package io.weir.connectors.codec;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a record holding Prometheus text or OpenMetrics lines. A sample line without a timestamp
 * takes the record's timestamp, as a scrape takes the scrape time (and is an error in a record
 * without one). The record is all or nothing: one bad line sends the whole record, good lines too,
 * to the dead letters, so it can be replayed as it was once fixed.
 */
public final class TextDecoder implements MetricDecoder {
    private static final int MAX_PROBLEMS_REPORTED = 3;

    private final ExpositionFormat format;

    public TextDecoder(ExpositionFormat format) {
        this.format = format;
    }

    @Override
    public Decoded decode(byte[] key, byte[] value, long recordTimestamp) {
        if (value == null || value.length == 0) {
            return Decoded.undecodable("empty record value");
        }
        List<MetricSample> samples = new ArrayList<>();
        ExpositionParser parser =
                new ExpositionParser(format, "record").withMaxProblems(MAX_PROBLEMS_REPORTED);
        if (recordTimestamp >= 0) {
            // Kafka marks a record without a timestamp with -1: then every line needs its own.
            parser = parser.withDefaultTimestamp(recordTimestamp);
        }
        try {
            parser.parse(value, (labels, t, v) -> samples.add(new MetricSample(labels, t, v)));
        } catch (ExpositionException e) {
            return Decoded.undecodable(e.getMessage());
        }
        return new Decoded.Samples(samples);
    }
}
